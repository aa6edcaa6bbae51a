/**
 * The in-memory adapters of the domain's ports: the same semantics as the DynamoDB ones
 * (conditions, idempotency, conflicts, pagination), for unit tests of the use cases without Java.
 * The case repository and the idempotency store share their records, as they share a table.
 */
import { MemoryAuditLog } from './memory-audit-log';
import { MemoryCaseRepository } from './memory-case-repository';
import { MemoryFundLedger } from './memory-fund-ledger';
import { type IdempotencyRecords, MemoryIdempotencyStore } from './memory-idempotency-store';
import { MemoryTaskStore } from './memory-task-store';
import { MemoryTravelProvider } from './memory-travel-provider';
import { MemoryWorkflowEngine, type MemoryWorkflowEngineOptions } from './memory-workflow-engine';
import { MemoryWorkflowWaits } from './memory-workflow-waits';

export {
  MemoryAuditLog,
  MemoryCaseRepository,
  MemoryFundLedger,
  MemoryIdempotencyStore,
  MemoryTaskStore,
  MemoryTravelProvider,
  MemoryWorkflowEngine,
  MemoryWorkflowWaits,
};

export interface MemoryAdapters {
  readonly cases: MemoryCaseRepository;
  readonly idempotency: MemoryIdempotencyStore;
  readonly tasks: MemoryTaskStore;
  readonly ledger: MemoryFundLedger;
  readonly audit: MemoryAuditLog;
  readonly workflow: MemoryWorkflowEngine;
  readonly waits: MemoryWorkflowWaits;
}

/** A fresh set of empty adapters. */
export function memoryAdapters(options: MemoryWorkflowEngineOptions = {}): MemoryAdapters {
  const idempotencyRecords: IdempotencyRecords = new Map();
  return {
    cases: new MemoryCaseRepository(idempotencyRecords),
    idempotency: new MemoryIdempotencyStore(idempotencyRecords),
    tasks: new MemoryTaskStore(),
    ledger: new MemoryFundLedger(),
    audit: new MemoryAuditLog(),
    workflow: new MemoryWorkflowEngine(options),
    waits: new MemoryWorkflowWaits(),
  };
}
