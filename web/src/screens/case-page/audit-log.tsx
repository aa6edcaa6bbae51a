/**
 * `/cases/:caseId/audit` (Secretariat, auditor): the case's append-only audit chain as the API
 * answers it (entries hold ids and codes only; audit-words.ts names them beside their codes), and
 * whether the chain verified when read: where it breaks, and how, if it does not. Read-only;
 * "more" pages on by `nextCursor`.
 */
import { useRoute } from 'preact-iso';
import type { AuditEntryShape, AuditTrailShape } from '../../../../shared/contracts/audit';
import { request } from '../../api';
import { defineMessages } from '../../i18n/messages';
import { ErrorNotice, Loading, Page } from '../../ui/common';
import { usePagedList } from '../../ui/paged-list';
import { ShowMore } from '../../ui/show-more';
import { TableWrap } from '../../ui/table-wrap';
import { auditActionName, auditKeyName, auditValue } from './audit-words';
import { actorText, When } from './case-sections';

const text = defineMessages({
  en: {
    title: (caseId: string) => `Audit log of case ${caseId}`,
    back: 'Back to the case',
    valid: 'The chain verifies: every entry is there, in order, and unchanged since it was written.',
    broken: 'The chain does not verify.',
    breaksAt: (seq: number) => `It first breaks at entry ${seq}.`,
    problem: {
      gap: 'An entry is missing (a gap in the numbers).',
      order: 'Entries are out of order.',
      edited: 'An entry was changed after it was written.',
      broken_link: "An entry does not carry the previous entry's hash.",
      truncated: 'The end of the chain is missing.',
    },
    caption: (count: number, more: boolean) =>
      `${count} ${count === 1 ? 'entry' : 'entries'}${more ? ' shown, more to load' : ''}, oldest first`,
    columns: { seq: 'No.', at: 'When', actor: 'Who', action: 'Action', details: 'Details' },
    system: 'Retorno (automatic)',
    none: 'No entries.',
    more: 'Show more',
  },
  es: {
    title: (caseId: string) => `Registro de auditoría del caso ${caseId}`,
    back: 'Volver al caso',
    valid:
      'La cadena se verifica: están todas las entradas, en orden, y sin cambios desde que se escribieron.',
    broken: 'La cadena no se verifica.',
    breaksAt: (seq: number) => `Se rompe primero en la entrada ${seq}.`,
    problem: {
      gap: 'Falta una entrada (un salto en la numeración).',
      order: 'Hay entradas fuera de orden.',
      edited: 'Una entrada fue modificada después de escrita.',
      broken_link: 'Una entrada no lleva el hash de la anterior.',
      truncated: 'Falta el final de la cadena.',
    },
    caption: (count: number, more: boolean) =>
      `${count} ${count === 1 ? 'entrada' : 'entradas'}${more ? ' mostradas, hay más por cargar' : ''}, de la más antigua a la más reciente`,
    columns: { seq: 'N.º', at: 'Cuándo', actor: 'Quién', action: 'Acción', details: 'Detalles' },
    system: 'Retorno (automático)',
    none: 'No hay entradas.',
    more: 'Mostrar más',
  },
});

const trail = (caseId: string, cursor?: string) =>
  request<AuditTrailShape>('GET', `/api/cases/${encodeURIComponent(caseId)}/audit`, {
    query: { limit: 100, ...(cursor ? { cursor } : {}) },
  });

function Details(props: { readonly details: AuditEntryShape['details'] }) {
  const entries = Object.entries(props.details);
  if (entries.length === 0) return null;
  return (
    <dl class="audit-details">
      {entries.map(([key, value]) => {
        const shown = auditValue(key, value);
        return (
          <div key={key} data-key={key}>
            <dt>{auditKeyName(key)}</dt>
            <dd>
              {shown.text}
              {shown.text && shown.code ? ' ' : null}
              {shown.code ? <code>{shown.code}</code> : null}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

function Action(props: { readonly action: string }) {
  const name = auditActionName(props.action);
  return (
    <>
      {name ? <span class="audit-action">{name}</span> : null}
      {name ? ' ' : null}
      <code>{props.action}</code>
    </>
  );
}

function Verdict(props: { readonly trail: AuditTrailShape }) {
  const t = text();
  const { chainValid, firstBrokenSeq, problem } = props.trail;
  if (chainValid)
    return (
      <p class="notice chain-verdict chain-valid" role="status">
        <strong>✓ {t.valid}</strong>
      </p>
    );
  return (
    <div class="notice notice-error chain-verdict chain-broken" role="alert">
      <p>
        <strong>✗ {t.broken}</strong> {firstBrokenSeq !== undefined ? t.breaksAt(firstBrokenSeq) : null}
      </p>
      {problem ? <p>{t.problem[problem]}</p> : null}
    </div>
  );
}

export default function AuditLog(props: { caseId?: string }) {
  const t = text();
  const { params } = useRoute();
  const caseId = props.caseId ?? params.caseId ?? '';
  // Each page belongs to the case it was asked for: a late page of another case is dropped.
  const list = usePagedList((cursor?: string) => trail(caseId, cursor), [caseId]);
  const { first, items, nextCursor } = list;

  const columns = t.columns;
  return (
    <Page title={t.title(caseId)}>
      <p>
        <a href={`/cases/${encodeURIComponent(caseId)}`}>{t.back}</a>
      </p>
      {list.error ? (
        <ErrorNotice error={list.error} onRetry={list.reload} />
      ) : !first ? (
        <Loading />
      ) : (
        <>
          <Verdict trail={first} />
          {items.length === 0 ? (
            <p>{t.none}</p>
          ) : (
            <TableWrap captionId="audit-caption">
              <table class="audit-table wide-table">
                <caption id="audit-caption">{t.caption(items.length, Boolean(nextCursor))}</caption>
                <thead>
                  <tr>
                    <th scope="col" class="number">
                      {columns.seq}
                    </th>
                    <th scope="col">{columns.at}</th>
                    <th scope="col">{columns.actor}</th>
                    <th scope="col">{columns.action}</th>
                    <th scope="col">{columns.details}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((entry) => (
                    <tr
                      key={entry.seq}
                      class={
                        first.firstBrokenSeq !== undefined && entry.seq === first.firstBrokenSeq
                          ? 'audit-broken'
                          : undefined
                      }
                    >
                      <th scope="row" class="number">
                        {entry.seq}
                      </th>
                      <td>
                        <When at={entry.at} />
                      </td>
                      <td>{entry.actor.role === 'system' ? t.system : actorText(entry.actor)}</td>
                      <td>
                        <Action action={entry.action} />
                      </td>
                      <td>
                        <Details details={entry.details} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <ShowMore list={list} label={t.more} />
        </>
      )}
    </Page>
  );
}
