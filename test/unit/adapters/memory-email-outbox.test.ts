import { MemoryEmailOutbox } from '../../../shared/adapters/memory/memory-email-outbox';
import { emailOutboxContract } from '../../contract/email-outbox.contract';

emailOutboxContract('MemoryEmailOutbox', () => new MemoryEmailOutbox());
