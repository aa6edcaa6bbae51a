import { MemoryAuditLog } from '../../../shared/adapters/memory';
import { auditLogContract } from '../../contract/audit-log.contract';

auditLogContract('MemoryAuditLog', () => new MemoryAuditLog());
