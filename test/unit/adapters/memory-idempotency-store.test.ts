import { memoryAdapters } from '../../../shared/adapters/memory';
import { idempotencyStoreContract } from '../../contract/idempotency-store.contract';

idempotencyStoreContract('MemoryIdempotencyStore', () => memoryAdapters());
