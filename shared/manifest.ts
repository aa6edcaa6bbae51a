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
    outbox: {
      description: 'Every email, recorded before it is sent and sent once: keys, codes, times, message ids.',
      partitionKey: { name: 'pk', type: 'S' },
      sortKey: { name: 'sk', type: 'S' },
      // Sparse: an email leaves the index once sent, so it lists what the reconciler must send again.
      indexes: [
        {
          name: 'unsent',
          partitionKey: { name: 'gsi1pk', type: 'S' },
          sortKey: { name: 'gsi1sk', type: 'S' },
        },
      ],
      // Once sent or given up, an entry expires two years later (OUTBOX_RETENTION_SECONDS in
      // shared/ports/email-outbox.ts says why); pending and claimed entries have no expiry.
      ttlAttribute: 'expiresAt',
      // Emails are rendered from the case at send time; the outbox keeps no personal data.
      personalData: false,
    },
  },
  functions: {
    reconcile: {
      entry: 'functions/scheduled/reconcile.ts',
      description:
        'On a schedule: starts the workflows a crash left unstarted, re-sends decisions a crash kept from them, serves the fund queue.',
      tables: {
        cases: 'readwrite',
        tasks: 'readwrite',
        funds: 'readwrite',
        audit: 'readwrite',
        outbox: 'readwrite',
      },
      stateMachines: { caseWorkflow: 'drive' },
      sendsEmail: true,
      metrics: true,
      timeoutSeconds: 60,
      schedule: { everyMinutes: 5 },
    },
    recordEmailEvent: {
      entry: 'functions/events/record-email-event.ts',
      description:
        "SES's send events (Send, Delivery, Bounce, Complaint): marks each email sent in the outbox and records its delivery, bounce or complaint.",
      tables: { outbox: 'readwrite' },
      emailEvents: true,
      timeoutSeconds: 5,
      memoryMb: 256,
    },
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
    openApi: {
      entry: 'functions/api/open-api.ts',
      description: 'The OpenAPI 3.1 document of the API, generated from the zod contracts.',
      timeoutSeconds: 5,
      memoryMb: 256,
    },
    getWorkflow: {
      entry: 'functions/api/workflow.ts',
      description:
        "GET /api/workflow: the case's statuses and moves, drawn from the state machines' definitions.",
      timeoutSeconds: 3,
      memoryMb: 256,
    },
    submitCase: {
      entry: 'functions/api/cases/submit-case.ts',
      description: 'POST /api/cases: submits a request, checks eligibility, starts the case workflow.',
      tables: { cases: 'readwrite', audit: 'readwrite' },
      stateMachines: { caseWorkflow: 'start' },
    },
    listCases: {
      entry: 'functions/api/cases/list-cases.ts',
      description: "GET /api/cases: the caller's cases, newest first, without personal data.",
      tables: { cases: 'read' },
    },
    getCase: {
      entry: 'functions/api/cases/get-case.ts',
      description: "GET /api/cases/{caseId}: a case as the caller's role may see it; the read is audited.",
      tables: { cases: 'read', tasks: 'read', audit: 'readwrite' },
    },
    withdrawCase: {
      entry: 'functions/api/cases/withdraw-case.ts',
      description: 'POST /api/cases/{caseId}/withdraw: the migrant withdraws; the workflow compensates.',
      tables: { cases: 'readwrite', tasks: 'readwrite', audit: 'readwrite' },
      stateMachines: { caseWorkflow: 'callback' },
    },
    getCaseAudit: {
      entry: 'functions/api/cases/get-case-audit.ts',
      description: "GET /api/cases/{caseId}/audit: the case's audit chain and whether it verifies.",
      tables: { cases: 'read', audit: 'readwrite' },
    },
    getStatistics: {
      entry: 'functions/api/statistics.ts',
      description:
        'GET /api/statistics: counts, shares and durations of the cases, comparable across the member states; no personal data.',
      tables: { cases: 'read' },
    },
    listTasks: {
      entry: 'functions/api/tasks/list-tasks.ts',
      description: "GET /api/tasks: the caller's inbox, soonest due first.",
      tables: { tasks: 'read' },
    },
    getTask: {
      entry: 'functions/api/tasks/get-task.ts',
      description: 'GET /api/tasks/{taskId}: one task the caller may see.',
      tables: { tasks: 'read' },
    },
    completeTask: {
      entry: 'functions/api/tasks/complete-task.ts',
      description: 'POST /api/tasks/{taskId}/complete: records a decision once and hands it to the workflow.',
      tables: { cases: 'read', tasks: 'readwrite', audit: 'readwrite' },
      stateMachines: { caseWorkflow: 'callback' },
    },
    listFunds: {
      entry: 'functions/api/funds/list-funds.ts',
      description: 'GET /api/funds: every fund with its balances.',
      tables: { funds: 'read' },
    },
    getFund: {
      entry: 'functions/api/funds/get-fund.ts',
      description: 'GET /api/funds/{fundId}: capital, available, reserved, disbursed.',
      tables: { funds: 'read' },
    },
    listLedger: {
      entry: 'functions/api/funds/list-ledger.ts',
      description: "GET /api/funds/{fundId}/ledger: the fund's movements, oldest first.",
      tables: { funds: 'read' },
    },
    addContribution: {
      entry: 'functions/api/funds/add-contribution.ts',
      description:
        'POST /api/funds/{fundId}/contributions: a member state contributes (secretariat); the cases waiting for funds that it covers resume, oldest first.',
      tables: { funds: 'readwrite', cases: 'readwrite', tasks: 'readwrite', audit: 'readwrite' },
      stateMachines: { caseWorkflow: 'callback' },
    },
    reserveFunds: {
      entry: 'functions/steps/reserve-funds.ts',
      description: "Workflow step: holds the case's requested amount in the Reserve Fund, behind any queue.",
      tables: { cases: 'readwrite', funds: 'readwrite', tasks: 'read', audit: 'readwrite' },
    },
    releaseFunds: {
      entry: 'functions/steps/release-funds.ts',
      description:
        "Workflow step (compensation): gives the case's money back to the fund and resumes the cases waiting that it covers.",
      tables: { cases: 'readwrite', funds: 'readwrite', tasks: 'readwrite', audit: 'readwrite' },
      stateMachines: { caseWorkflow: 'callback' },
    },
    holdWait: {
      entry: 'functions/steps/hold-wait.ts',
      description:
        'Workflow step (waitForTaskToken): keeps the token of a case waiting for funds (and serves the queue) or for its departure.',
      tables: { cases: 'readwrite', funds: 'readwrite', tasks: 'readwrite', audit: 'readwrite' },
      stateMachines: { caseWorkflow: 'callback' },
    },
    notifyReceivingCountry: {
      entry: 'functions/steps/notify-receiving-country.ts',
      description:
        "Workflow step: emails the return country's authority (and child protection, for a child) what it needs to receive the person, with consent.",
      tables: { cases: 'read', outbox: 'readwrite' },
      sendsEmail: true,
    },
    planTravel: {
      entry: 'functions/steps/plan-travel.ts',
      description: 'Workflow step: how long until departure, and when the arrival confirmation is due.',
      tables: { cases: 'read' },
    },
    startReintegration: {
      entry: 'functions/steps/start-reintegration.ts',
      description: "Workflow step: starts the case's reintegration workflow once arrival is confirmed.",
      stateMachines: { reintegrationWorkflow: 'start' },
    },
    planCheckIns: {
      entry: 'functions/steps/plan-check-ins.ts',
      description:
        "Reintegration step: writes the case's check-ins (30, 90, 180 days) and when each task opens.",
      tables: { cases: 'readwrite', audit: 'readwrite' },
    },
    recordCheckIn: {
      entry: 'functions/steps/record-check-in.ts',
      description: "Reintegration step: puts a check-in's findings on the case, or marks it missed.",
      tables: { cases: 'readwrite', tasks: 'read', audit: 'readwrite' },
    },
    closeReintegration: {
      entry: 'functions/steps/close-reintegration.ts',
      description: 'Reintegration step: writes the summary of the check-ins on the case before it is CLOSED.',
      tables: { cases: 'readwrite', audit: 'readwrite' },
    },
    releaseWait: {
      entry: 'functions/steps/release-wait.ts',
      description: 'Workflow step: forgets a wait that is over.',
      tables: { tasks: 'readwrite' },
    },
    disburseFunds: {
      entry: 'functions/steps/disburse-funds.ts',
      description: "Workflow step: turns the case's hold into a disbursement once approved.",
      tables: { cases: 'readwrite', funds: 'readwrite', audit: 'readwrite' },
    },
    createTask: {
      entry: 'functions/steps/create-task.ts',
      description:
        'Workflow step (waitForTaskToken): opens a human task, keeps its token server-side and emails the assignee.',
      tables: { cases: 'read', tasks: 'readwrite', audit: 'readwrite', outbox: 'readwrite' },
      sendsEmail: true,
    },
    closeTask: {
      entry: 'functions/steps/close-task.ts',
      description: 'Workflow step: expires or cancels a task whose wait ended without a decision.',
      tables: { tasks: 'readwrite', audit: 'readwrite' },
    },
    recordCaseEvent: {
      entry: 'functions/steps/record-case-event.ts',
      description:
        'Workflow step: moves a case to a status, adds the event to its timeline and emails the consulate.',
      tables: { cases: 'readwrite', audit: 'readwrite', outbox: 'readwrite' },
      sendsEmail: true,
    },
    sendReminders: {
      entry: 'functions/scheduled/send-reminders.ts',
      description: 'On a schedule: emails one reminder for every open task whose reminder time has passed.',
      tables: { cases: 'read', tasks: 'read', outbox: 'readwrite' },
      sendsEmail: true,
      timeoutSeconds: 60,
      schedule: { everyMinutes: 15 },
    },
    bookTravel: {
      entry: 'functions/steps/book-travel.ts',
      description: "Workflow step: books the case's travel through the provider and records the itinerary.",
      tables: { cases: 'readwrite', audit: 'readwrite' },
      travel: true,
      // Room for the provider's own timeout (TRAVEL_PROVIDER_TIMEOUT_MS, 5 s) and the case writes.
      timeoutSeconds: 15,
    },
    cancelBooking: {
      entry: 'functions/steps/cancel-booking.ts',
      description: "Workflow step (compensation): cancels the case's travel booking, if it has one.",
      tables: { cases: 'readwrite', audit: 'readwrite' },
      travel: true,
      timeoutSeconds: 15,
    },
    recordManualBooking: {
      entry: 'functions/steps/record-manual-booking.ts',
      description: 'Workflow step: records the itinerary operations booked by hand in a manual_booking task.',
      tables: { cases: 'readwrite', tasks: 'read', audit: 'readwrite' },
    },
  },
  routes: [
    { method: 'GET', path: '/api/health', function: 'health', auth: 'public' },
    { method: 'GET', path: '/api/openapi.json', function: 'openApi', auth: 'public' },
    { method: 'GET', path: '/api/me', function: 'whoami', auth: everyone },
    { method: 'GET', path: '/api/workflow', function: 'getWorkflow', auth: everyone },
    { method: 'POST', path: '/api/cases', function: 'submitCase', auth: ['consular'] },
    { method: 'GET', path: '/api/cases', function: 'listCases', auth: everyone },
    { method: 'GET', path: '/api/cases/{caseId}', function: 'getCase', auth: everyone },
    { method: 'POST', path: '/api/cases/{caseId}/withdraw', function: 'withdrawCase', auth: ['consular'] },
    {
      method: 'GET',
      path: '/api/cases/{caseId}/audit',
      function: 'getCaseAudit',
      auth: ['secretariat', 'auditor'],
    },
    {
      method: 'GET',
      path: '/api/statistics',
      function: 'getStatistics',
      auth: ['secretariat', 'auditor'],
    },
    { method: 'GET', path: '/api/tasks', function: 'listTasks', auth: everyone },
    { method: 'GET', path: '/api/tasks/{taskId}', function: 'getTask', auth: everyone },
    {
      method: 'POST',
      path: '/api/tasks/{taskId}/complete',
      function: 'completeTask',
      auth: ['authority', 'reintegration', 'secretariat', 'operations'],
    },
    { method: 'GET', path: '/api/funds', function: 'listFunds', auth: everyone },
    { method: 'GET', path: '/api/funds/{fundId}', function: 'getFund', auth: everyone },
    {
      method: 'GET',
      path: '/api/funds/{fundId}/ledger',
      function: 'listLedger',
      auth: ['secretariat', 'auditor'],
    },
    {
      method: 'POST',
      path: '/api/funds/{fundId}/contributions',
      function: 'addContribution',
      auth: ['secretariat'],
    },
  ],
  stateMachines: {
    caseWorkflow: {
      description: 'Carries a case from submission through approvals and the disbursement.',
      definition: 'workflows/case-workflow.asl.json',
      functions: [
        'reserveFunds',
        'releaseFunds',
        'disburseFunds',
        'createTask',
        'closeTask',
        'recordCaseEvent',
        'holdWait',
        'releaseWait',
        'bookTravel',
        'cancelBooking',
        'recordManualBooking',
        'planTravel',
        'notifyReceivingCountry',
        'startReintegration',
      ],
    },
    reintegrationWorkflow: {
      description:
        'Follows a case home: check-ins 30, 90 and 180 days after arrival by the return country, then CLOSED with a summary.',
      definition: 'workflows/reintegration-workflow.asl.json',
      functions: [
        'recordCaseEvent',
        'planCheckIns',
        'createTask',
        'closeTask',
        'recordCheckIn',
        'closeReintegration',
      ],
    },
  },
} as const satisfies Manifest;

export type AppManifest = typeof manifest;
export type TableName = keyof AppManifest['tables'];
export type FunctionName = keyof AppManifest['functions'];
export type StateMachineName = keyof AppManifest['stateMachines'] & string;
