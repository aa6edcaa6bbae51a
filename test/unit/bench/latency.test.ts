// The case benchmark's latency figures: percentiles by nearest rank, calls counted under their
// manifest route (a task id in the path is one route, not a route per task), and nothing counted
// while the recorder is stopped (the warm-up and the verification are not the workload).
import { LatencyRecorder, percentile } from '../../../bench/latency';

describe('percentile by nearest rank', () => {
  const hundred = Array.from({ length: 100 }, (_, index) => index + 1);

  it('answers the value at or below which that share of the calls lie', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3], 50)).toBe(2);
  });

  it('answers NaN for no calls at all', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('the latency recorder', () => {
  it('counts each call under its route template, with every call together first', () => {
    const recorder = new LatencyRecorder();
    recorder.record({ method: 'GET', path: '/api/tasks', status: 200, ms: 1 });
    recorder.start();
    recorder.record({
      method: 'POST',
      path: '/api/tasks/RET-1.country_approval.MX.1/complete',
      status: 200,
      ms: 10,
    });
    recorder.record({
      method: 'POST',
      path: '/api/tasks/RET-2.country_approval.GT.1/complete',
      status: 409,
      ms: 30,
    });
    recorder.record({ method: 'GET', path: '/api/tasks', status: 200, ms: 20 });
    recorder.stop();
    recorder.record({ method: 'GET', path: '/api/tasks', status: 200, ms: 99 });

    const [all, ...routes] = recorder.summary();
    expect(all).toMatchObject({ route: 'all', calls: 3, failures: 1, p50: 20, max: 30 });
    expect(routes).toEqual([
      expect.objectContaining({ route: 'POST /api/tasks/{taskId}/complete', calls: 2, failures: 1, p99: 30 }),
      expect.objectContaining({ route: 'GET /api/tasks', calls: 1, failures: 0, p50: 20 }),
    ]);
  });
});
