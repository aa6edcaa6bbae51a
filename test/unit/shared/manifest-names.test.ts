import { functionLimits } from '../../../shared/manifest-names';

describe('a function’s limits', () => {
  it('are its spec’s, or 10 s and 512 MB when it sets none, in both clouds', () => {
    expect(functionLimits({ entry: 'e.ts', description: 'd' })).toEqual({
      timeoutSeconds: 10,
      memoryMb: 512,
    });
    expect(functionLimits({ entry: 'e.ts', description: 'd', timeoutSeconds: 60, memoryMb: 1024 })).toEqual({
      timeoutSeconds: 60,
      memoryMb: 1024,
    });
  });
});
