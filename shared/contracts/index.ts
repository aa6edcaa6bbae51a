/** The API's contracts: every body and answer, reused by handlers, the web form and OpenAPI. */
export * from './audit';
export * from './case';
export * from './case-id';
export * from './case-request';
export * from './closed-object';
export * from './country';
export * from './dates';
export * from './eligibility-result';
export * from './error';
export * from './fund';
export * from './money';
export * from './pagination';
export * from './statistics';
export * from './task';
export * from './text';
export * from './withdraw';
export * from './workflow';
