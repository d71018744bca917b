import type { Finding } from '../plan/findings';
import { validate } from '../plan/validate';

/**
 * The public validators (DESIGN §3, `validate.*` of lib/plan/validate.ts) the `validate` command
 * calls. Methods, not function properties, so the `validate` namespace — whatever its exact
 * parameter types — can be assigned here.
 */
export interface DocumentValidators {
  kubeadmNetworking?(networking: any, opts: any): Finding[];
  kubeProxyConfiguration?(config: any, opts: any): Finding[];
  service?(service: any, opts: any): Finding[];
  serviceClusterIPRange?(value: any, opts: any): Finding[];
}

/**
 * The validators `validate` runs. A kind whose validator is missing here falls back to the basic
 * lib/net checks of lib/cli/checks/fallback.ts (tests pass `{}` to exercise them).
 */
export const PLAN_VALIDATORS: DocumentValidators = validate;
