/**
 * A wide table's frame: on a phone the table scrolls sideways inside it, never the page. The frame
 * is a named region in the tab order, so a keyboard user can scroll it too (axe-core's
 * scrollable-region-focusable, WCAG 2.1.1). Named by a label, or by the id of the table's caption.
 */
import type { ComponentChildren } from 'preact';

export function TableWrap(
  props: ({ readonly label: string } | { readonly captionId: string }) & {
    readonly children: ComponentChildren;
  },
) {
  const name = 'label' in props ? { 'aria-label': props.label } : { 'aria-labelledby': props.captionId };
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard
    <section class="table-wrap" tabIndex={0} {...name}>
      {props.children}
    </section>
  );
}
