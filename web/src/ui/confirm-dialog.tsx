/**
 * The one confirmation every irreversible step asks for (a decision, a withdrawal, a contribution,
 * discarding a draft): a modal `<dialog>` that says what happens, with "go back" first and the
 * step itself second. The browser's own modal dialog traps focus, closes on Escape and puts the
 * page behind it out of reach; this only opens and closes it from `open`, and gives focus back to
 * the button that opened it (or, if a re-render replaced that button, to `returnFocusTo`).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

export interface ConfirmDialogProps {
  readonly open: boolean;
  readonly title: string;
  readonly children: ComponentChildren;
  readonly cancelLabel: string;
  readonly confirmLabel: string;
  /** The step ends something (a case, a draft): its button says so in red. */
  readonly danger?: boolean;
  readonly busy?: boolean;
  /** Goes back without doing anything: the cancel button, Escape. */
  readonly onCancel: () => void;
  readonly onConfirm: () => void;
  /** A class for the dialog, so a screen's tests and styles can name it. */
  readonly class?: string;
  /** `data-confirm` on the confirming button, for tests that press it. */
  readonly confirmId?: string;
  /** The id of the element to focus on close when the one that opened the dialog is gone. */
  readonly returnFocusTo?: string;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();

  useEffect(() => {
    const box = dialog.current;
    if (!box) return;
    if (props.open && !box.open) {
      opener.current = document.activeElement;
      box.showModal();
    } else if (!props.open && box.open) {
      box.close();
    }
  }, [props.open]);

  function restoreFocus() {
    const before = opener.current;
    opener.current = null;
    const target =
      before instanceof HTMLElement && before.isConnected
        ? before
        : props.returnFocusTo
          ? document.getElementById(props.returnFocusTo)
          : null;
    target?.focus();
  }

  return (
    <dialog
      ref={dialog}
      class={props.class}
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: the parent decides (a step being sent is not cancelled halfway).
        event.preventDefault();
        if (!props.busy) props.onCancel();
      }}
      onClose={restoreFocus}
    >
      <article class="confirm">
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
        <footer class="confirm-actions">
          <button type="button" class="secondary" onClick={props.onCancel} disabled={props.busy}>
            {props.cancelLabel}
          </button>
          <button
            type="button"
            class={props.danger ? 'danger' : undefined}
            onClick={props.onConfirm}
            disabled={props.busy}
            aria-busy={props.busy ? 'true' : undefined}
            data-confirm={props.confirmId}
          >
            {props.confirmLabel}
          </button>
        </footer>
      </article>
    </dialog>
  );
}
