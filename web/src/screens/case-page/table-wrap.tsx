/**
 * A wide table's frame: it scrolls sideways inside itself on a phone, never the page, and takes
 * keyboard focus so a keyboard user can scroll it too (axe-core's scrollable-region-focusable).
 * Named by the table's caption.
 */
import type { ComponentChildren } from 'preact';

export function TableWrap(props: { readonly captionId: string; readonly children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard
    <section class="table-wrap" aria-labelledby={props.captionId} tabIndex={0}>
      {props.children}
    </section>
  );
}
