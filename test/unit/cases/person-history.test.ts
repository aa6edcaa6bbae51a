import { eligibilityHistory, personHistory } from '../../../shared/cases/case-service';
import type { CaseStatus } from '../../../shared/contracts/case';

const ref = (caseId: string, status: CaseStatus) => ({ caseId, status, createdAt: '2024-05-01T00:00:00Z' });

describe('eligibilityHistory', () => {
  it('counts open cases, and only closed cases as completed returns', () => {
    const history = personHistory([
      ref('a', 'AWAITING_APPROVALS'),
      ref('b', 'CLOSED'),
      ref('c', 'WITHDRAWN'),
      ref('d', 'INELIGIBLE'),
      ref('e', 'CLOSED'),
    ]);
    expect(history.openCases.map((c) => c.caseId)).toEqual(['a']);
    expect(eligibilityHistory(history)).toEqual({ openCasesForPerson: 1, previousCompletedReturns: 2 });
  });
});
