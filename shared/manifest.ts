/**
 * The one description of what Retorno is made of: tables, functions, HTTP routes and state
 * machines. The CDK app (infra/) and the local cloud (local/) both build themselves from this
 * module, so the two clouds cannot drift apart. Names here are logical; physical names come
 * from the cloud (CDK) or from the local naming prefix.
 */
import type { Manifest } from './manifest-types';
import { ROLES } from './roles';

const everyone = ROLES;

export const manifest = {
  tables: {
    cases: {
      description: 'Cases with their personal data; the only table that holds personal data.',
      partitionKey: { name: 'pk', type: 'S' },
      sortKey: { name: 'sk', type: 'S' },
      indexes: [
        // One "view" item per audience of a case (all, nationality, each concerned country):
        // byView lists a view by submission time, byViewStatus the same narrowed to one status.
        {
          name: 'byView',
          partitionKey: { name: 'gsi1pk', type: 'S' },
          sortKey: { name: 'gsi1sk', type: 'S' },
        },
        {
          name: 'byViewStatus',
          partitionKey: { name: 'gsi2pk', type: 'S' },
          sortKey: { name: 'gsi2sk', type: 'S' },
        },
      ],
      ttlAttribute: 'expiresAt',
      personalData: true,
    },
    tasks: {
      description: 'Human tasks (approvals, arrival confirmations, check-ins, manual bookings).',
      partitionKey: { name: 'pk', type: 'S' },
      sortKey: { name: 'sk', type: 'S' },
      indexes: [
        {
          name: 'byAssignee',
          partitionKey: { name: 'gsi1pk', type: 'S' },
          sortKey: { name: 'gsi1sk', type: 'S' },
        },
        {
          name: 'byStatus',
          partitionKey: { name: 'gsi2pk', type: 'S' },
          sortKey: { name: 'gsi2sk', type: 'S' },
        },
      ],
    },
    funds: {
      description: 'Fund balances and their ledger entries, one partition per fund.',
      partitionKey: { name: 'pk', type: 'S' },
      sortKey: { name: 'sk', type: 'S' },
      // Ledger entries are keyed by their cause (so a retry cannot apply twice); this index
      // lists them by time, and lists the funds themselves.
      indexes: [
        {
          name: 'listing',
          partitionKey: { name: 'gsi1pk', type: 'S' },
          sortKey: { name: 'gsi1sk', type: 'S' },
        },
      ],
    },
    audit: {
      description: 'Append-only, hash-chained audit log, one partition per case.',
      partitionKey: { name: 'pk', type: 'S' },
      sortKey: { name: 'sk', type: 'S' },
    },
  },
  functions: {
    health: {
      entry: 'functions/api/health.ts',
      description: 'Liveness of the API: answers without touching any resource.',
      timeoutSeconds: 3,
      memoryMb: 256,
    },
    whoami: {
      entry: 'functions/api/whoami.ts',
      description: 'Tells the caller who the API thinks they are (role and country).',
      timeoutSeconds: 3,
      memoryMb: 256,
    },
  },
  routes: [
    { method: 'GET', path: '/api/health', function: 'health', auth: 'public' },
    { method: 'GET', path: '/api/me', function: 'whoami', auth: everyone },
  ],
  stateMachines: {},
} as const satisfies Manifest;

export type AppManifest = typeof manifest;
export type TableName = keyof AppManifest['tables'];
export type FunctionName = keyof AppManifest['functions'];
export type StateMachineName = keyof AppManifest['stateMachines'] & string;
