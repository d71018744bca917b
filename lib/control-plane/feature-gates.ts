import type { ClusterNetwork } from '../plan/network';
import { gateNeedsExplicitOn, gateWritable } from '../plan/version';

/**
 * Whether the components need `IPv6DualStack=true` written out for this plan. The gate was alpha
 * (off) in 1.16–1.20, beta and on by default in 1.21–1.22, GA and locked on in 1.23–1.24, and
 * removed in 1.25 (setting it then stops the component from starting; the plan's gates rule
 * reports that). Only a dual-stack plan needs it: single-stack IPv6 never did.
 * Source: pkg/features/kube_features.go of each release.
 */
export function dualStackGateNeeded(plan: ClusterNetwork): boolean {
  return plan.isDualStack && gateNeedsExplicitOn('IPv6DualStack', plan.version);
}

/**
 * The `featureGates` map a component gets: the gates this plan needs switched on (IPv6DualStack
 * before 1.21, plus `extra`, e.g. NFTablesProxyMode for kube-proxy on 1.29–1.30), then the user's
 * own overrides from the plan, which win, minus any gate the target version refuses. Keys sorted so the output is stable. Empty when nothing
 * is needed, so callers can omit the field.
 */
export function componentFeatureGates(plan: ClusterNetwork, extra: readonly string[] = []): Record<string, boolean> {
  const gates: Record<string, boolean> = {};
  if (dualStackGateNeeded(plan)) gates.IPv6DualStack = true;
  for (const g of extra) gates[g] = true;
  Object.assign(gates, plan.featureGates);
  const sorted: Record<string, boolean> = {};
  // Never write a gate the target refuses (removed, or not yet there: the component would not
  // start); the plan's gate rule reports such an override as an error.
  for (const k of Object.keys(gates).sort()) if (gateWritable(k, plan.version)) sorted[k] = gates[k];
  return sorted;
}

/** `A=true,B=false` as `--feature-gates` takes it (sorted). */
export function formatFeatureGates(gates: Readonly<Record<string, boolean>>): string {
  return Object.keys(gates)
    .sort()
    .map((k) => `${k}=${gates[k]}`)
    .join(',');
}
