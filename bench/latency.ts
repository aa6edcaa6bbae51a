/**
 * API latency as the benchmark's users saw it: every call's time, by route (the manifest's route
 * template, so `/api/tasks/RET-1.country_approval.MX.1/complete` counts as
 * `POST /api/tasks/{taskId}/complete`), with percentiles by nearest rank.
 */
import { RouteTable } from '../local/gateway/routes';
import type { CallTiming } from '../scripts/retorno-client';
import { manifest } from '../shared/manifest';

/** The value at or below which `p` percent of the sorted values lie (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface LatencySummary {
  readonly route: string;
  readonly calls: number;
  /** Answers that were not 2xx. */
  readonly failures: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export class LatencyRecorder {
  private readonly routes = new RouteTable(manifest.routes);
  private readonly byRoute = new Map<string, { ms: number[]; failures: number }>();
  private recording = false;

  /** Records calls from now on. */
  start(): void {
    this.recording = true;
  }

  /** Stops recording (the verification's calls are not the workload's). */
  stop(): void {
    this.recording = false;
  }

  /** The client's `onCall` hook. */
  readonly record = (call: CallTiming): void => {
    if (!this.recording) return;
    const matched = this.routes.match(call.method, call.path);
    const route = matched ? `${matched.route.method} ${matched.route.path}` : `${call.method} ${call.path}`;
    const entry = this.byRoute.get(route) ?? { ms: [], failures: 0 };
    entry.ms.push(call.ms);
    if (call.status < 200 || call.status > 299) entry.failures += 1;
    this.byRoute.set(route, entry);
  };

  /** Every call together first (`all`), then each route, busiest first. */
  summary(): LatencySummary[] {
    const summarise = (route: string, ms: number[], failures: number): LatencySummary => {
      const sorted = [...ms].sort((a, b) => a - b);
      return {
        route,
        calls: sorted.length,
        failures,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        max: sorted.at(-1) ?? Number.NaN,
      };
    };
    const entries = [...this.byRoute.entries()];
    const all = summarise(
      'all',
      entries.flatMap(([, entry]) => entry.ms),
      entries.reduce((sum, [, entry]) => sum + entry.failures, 0),
    );
    const routes = entries
      .map(([route, entry]) => summarise(route, entry.ms, entry.failures))
      .sort((a, b) => b.calls - a.calls);
    return [all, ...routes];
  }
}
