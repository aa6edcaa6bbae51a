/**
 * Route matching as API Gateway HTTP APIs do it: `{param}` matches one path segment, a greedy
 * `{proxy+}` the rest, and the most specific route wins (literal segments before parameters).
 */
import type { RouteSpec } from '../../shared/manifest-types';

export interface RouteMatch {
  readonly route: RouteSpec;
  readonly pathParameters: Record<string, string>;
}

interface CompiledRoute {
  readonly route: RouteSpec;
  readonly segments: readonly string[];
  /** Higher is more specific: literal segments count most. */
  readonly score: number;
}

const segmentsOf = (path: string): string[] => path.split('/').filter((segment) => segment.length > 0);

export class RouteTable {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly RouteSpec[]) {
    this.compiled = routes
      .map((route) => {
        const segments = segmentsOf(route.path);
        const score = segments.reduce(
          (sum, segment) => sum + (segment.endsWith('+}') ? 0 : segment.startsWith('{') ? 1 : 3),
          segments.length * 0.01,
        );
        return { route, segments, score };
      })
      .sort((a, b) => b.score - a.score);
  }

  /** The route for a method and path, or `undefined`; `methodNotAllowed` tells a known path. */
  match(method: string, rawPath: string): RouteMatch | undefined {
    const requested = segmentsOf(rawPath);
    for (const candidate of this.compiled) {
      if (candidate.route.method !== method) continue;
      const params = matchSegments(candidate.segments, requested);
      if (params) return { route: candidate.route, pathParameters: params };
    }
    return undefined;
  }

  /** Methods allowed on a path (for CORS preflight answers). */
  methodsFor(rawPath: string): string[] {
    const requested = segmentsOf(rawPath);
    return [
      ...new Set(
        this.compiled.filter((c) => matchSegments(c.segments, requested)).map((c) => c.route.method),
      ),
    ];
  }
}

/** A malformed escape (`%zz`) matches no route: the caller gets a 404, not a gateway crash. */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function matchSegments(
  template: readonly string[],
  requested: readonly string[],
): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let index = 0; index < template.length; index++) {
    const segment = template[index]!;
    if (segment.startsWith('{') && segment.endsWith('+}')) {
      if (index >= requested.length) return undefined;
      const rest = requested.slice(index).map(decodeSegment);
      if (rest.some((part) => part === undefined)) return undefined;
      params[segment.slice(1, -2)] = rest.join('/');
      return params;
    }
    const actual = requested[index];
    if (actual === undefined) return undefined;
    if (segment.startsWith('{') && segment.endsWith('}')) {
      const decoded = decodeSegment(actual);
      if (decoded === undefined) return undefined;
      params[segment.slice(1, -1)] = decoded;
    } else if (segment !== actual) {
      return undefined;
    }
  }
  return template.length === requested.length ? params : undefined;
}
