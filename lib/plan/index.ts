export * from './findings';
export * from './version';
export * from './spec';
export * from './capacity';
export * from './network';
export type { PlanRule } from './rules';
