/** The fund's eligibility rules: pure, configurable, explained in Spanish and English. */
export * from './config';
export * from './evaluate';
export * from './person-keys';
export * from './rules';
