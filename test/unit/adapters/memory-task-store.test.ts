import { MemoryTaskStore } from '../../../shared/adapters/memory';
import { taskStoreContract } from '../../contract/task-store.contract';

taskStoreContract('MemoryTaskStore', () => new MemoryTaskStore());
