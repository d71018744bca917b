export * from './types';
export { DEFAULT_POLICY_EXEMPTIONS, DEFAULT_PRIVILEGED_WORKLOADS } from './allow-list';
export { POLICY_RULES, privilegesUsed } from './rules';
export type { PolicyRuleDefinition, PolicyRuleContext, PolicyRuleHit } from './rules';
export { checkPolicy, formatViolation } from './check';
export { PolicyValidation } from './plugin';
export type { PolicyValidationContext, PolicyValidationProps } from './plugin';
