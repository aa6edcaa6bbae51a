/**
 * A wide table's scrolling box: on a phone the table scrolls inside it, never the page. The box is
 * a named region in the tab order, so a keyboard user can scroll it too.
 */
import type { ComponentChildren } from 'preact';

export function TableWrap(props: { readonly label: string; readonly children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    <section class="table-wrap" aria-label={props.label} tabIndex={0}>
      {props.children}
    </section>
  );
}
