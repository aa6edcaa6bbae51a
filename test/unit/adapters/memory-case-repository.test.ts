import { memoryAdapters } from '../../../shared/adapters/memory';
import { caseRepositoryContract } from '../../contract/case-repository.contract';

caseRepositoryContract('MemoryCaseRepository', () => memoryAdapters());
