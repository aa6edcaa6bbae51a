/**
 * The case's progress: the steps of its life as an ordered list, passed ones marked done, the one
 * it is at marked `aria-current="step"`, and a case that ended off the path shown where it ended.
 * A vertical list on a phone, a row on a wide screen.
 */
import type { CaseStatus, TimelineEntry } from '../../../../shared/contracts/case';
import type { WorkflowGraph } from '../../../../shared/contracts/workflow';
import { api } from '../../api';
import { language } from '../../i18n/language';
import { defineMessages } from '../../i18n/messages';
import { ErrorNotice, Loading } from '../../ui/common';
import { useResource } from '../../ui/resource';
import { caseSteps, type StepState } from './workflow-steps';

const text = defineMessages({
  en: {
    heading: 'Progress',
    state: {
      done: 'done',
      current: 'current step',
      ended: 'ended here',
      upcoming: 'to come',
      not_reached: 'not reached',
    },
  },
  es: {
    heading: 'Avance',
    state: {
      done: 'hecho',
      current: 'paso actual',
      ended: 'terminó aquí',
      upcoming: 'por venir',
      not_reached: 'no se alcanzó',
    },
  },
});

// The graph is the same for every case and caller until the next deployment: ask once.
let graphOnce: Promise<WorkflowGraph> | undefined;
function workflowGraph(): Promise<WorkflowGraph> {
  graphOnce ??= api.workflow().catch((error: unknown) => {
    graphOnce = undefined;
    throw error;
  });
  return graphOnce;
}

const MARK: Record<StepState, string> = {
  done: '✓',
  current: '●',
  ended: '■',
  upcoming: '',
  not_reached: '',
};

export function WorkflowStepper(props: {
  readonly status: CaseStatus;
  readonly timeline: readonly TimelineEntry[];
}) {
  const t = text();
  const graph = useResource(workflowGraph, []);
  return (
    <section class="case-section case-progress" aria-labelledby="case-progress-heading">
      <h2 id="case-progress-heading">{t.heading}</h2>
      {graph.error ? (
        <ErrorNotice error={graph.error} onRetry={graph.reload} />
      ) : !graph.data ? (
        <Loading />
      ) : (
        <ol class="stepper">
          {caseSteps(graph.data, props.status, props.timeline).map((step) => (
            <li
              key={step.status}
              class={`step step-${step.state.replace('_', '-')}${step.final ? ' step-final' : ''}`}
              aria-current={step.state === 'current' || step.state === 'ended' ? 'step' : undefined}
              data-status={step.status}
            >
              <span class="step-mark" aria-hidden="true">
                {MARK[step.state]}
              </span>
              <span class="step-name">
                {step.names[language.value]}
                <span class="step-state"> ({t.state[step.state]})</span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
