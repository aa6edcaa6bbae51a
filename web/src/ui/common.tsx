/** Pieces every screen uses: its heading and title, loading and error states, a status badge. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { CaseStatus } from '../../../shared/contracts/case';
import { ApiError } from '../api';
import { statusName } from '../i18n/labels';
import { defineMessages } from '../i18n/messages';

const text = defineMessages({
  en: {
    loading: 'Loading…',
    notFound: 'Not found, or not yours to see.',
    forbidden: 'You may not see or do this.',
    conflict: 'This can no longer be done as asked.',
    network: 'The API could not be reached. Check your connection and try again.',
    failed: 'Something went wrong.',
    retry: 'Try again',
  },
  es: {
    loading: 'Cargando…',
    notFound: 'No existe, o no le corresponde verlo.',
    forbidden: 'No tiene permiso para ver ni hacer esto.',
    conflict: 'Esto ya no se puede hacer así.',
    network: 'No se pudo contactar la API. Revise su conexión e intente de nuevo.',
    failed: 'Algo salió mal.',
    retry: 'Intentar de nuevo',
  },
});

/** A screen's `<h1>` and document title; focus moves to the heading when the page opens. */
export function Page(props: { title: string; children: ComponentChildren; actions?: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · Retorno`;
  }, [props.title]);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <>
      <header class="page-header">
        <h1 ref={heading} tabIndex={-1}>
          {props.title}
        </h1>
        {props.actions ? <div class="page-actions">{props.actions}</div> : null}
      </header>
      {props.children}
    </>
  );
}

export function Loading() {
  return (
    <p aria-busy="true" role="status">
      {text().loading}
    </p>
  );
}

/** What went wrong, in the reader's language, with the API's own message beneath. */
export function ErrorNotice(props: { error: unknown; onRetry?: () => void }) {
  const t = text();
  const error = props.error;
  const summary =
    error instanceof ApiError
      ? error.status === 404
        ? t.notFound
        : error.status === 403
          ? t.forbidden
          : error.status === 409
            ? t.conflict
            : error.status === 0
              ? t.network
              : t.failed
      : t.failed;
  // The API's own words help with a refused change (400, 409); a 403 or 404 says nothing more.
  const detail =
    error instanceof ApiError && ![0, 403, 404].includes(error.status) ? error.message : undefined;
  return (
    <div class="notice notice-error" role="alert">
      <p>{summary}</p>
      {detail ? <p class="detail">{detail}</p> : null}
      {props.onRetry ? (
        <button type="button" class="secondary" onClick={props.onRetry}>
          {t.retry}
        </button>
      ) : null}
    </div>
  );
}

export function StatusBadge(props: { status: CaseStatus }) {
  return <span class={`badge status-${props.status.toLowerCase()}`}>{statusName(props.status)}</span>;
}
