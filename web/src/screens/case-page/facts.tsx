/** A list of labelled facts (`<dl>`) that leaves out whatever the answer does not carry. */
import type { ComponentChildren } from 'preact';
import { yesNo as yesOrNo } from '../../i18n/labels';

export type Fact = readonly [label: string, value: ComponentChildren | undefined];

const shown = (value: ComponentChildren | undefined): boolean =>
  value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

/** Yes or no in the reader's language; nothing for a value the answer left out. */
export function yesNo(value: boolean | undefined): string | undefined {
  if (value === undefined) return undefined;
  return yesOrNo(value);
}

/** True when at least one of the facts has a value to show. */
export function anyFact(facts: readonly Fact[]): boolean {
  return facts.some(([, value]) => shown(value));
}

/** The facts that have a value, as a `<dl class="facts">` (or the class given); nothing if none. */
export function Facts(props: { readonly facts: readonly Fact[]; readonly class?: string }) {
  const facts = props.facts.filter(([, value]) => shown(value));
  if (facts.length === 0) return null;
  return (
    <dl class={props.class ?? 'facts'}>
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
