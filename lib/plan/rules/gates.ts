/**
 * `--feature-gates` / `featureGates`: what component start-up makes of a gate map, per version.
 * Mirrors k8s.io/component-base/featuregate/feature_gate.go `SetFromMap`: an unknown gate name is
 * an error ("unrecognized feature gate"), a gate locked to its default cannot be set to anything
 * else ("cannot set feature gate X to false, feature is locked to true"); setting an unlocked GA or
 * deprecated gate only logs a warning. The gate stages come from pkg/features/kube_features.go.
 */
import { quote } from '../../net/errors';
import { Finding, finding } from '../findings';
import { FEATURE_GATES, featureGateStatus } from '../version';
import { isRecord, RuleContext } from './common';
import { FEATURE_GATES as GATES } from '../timeline';

/** Dual-stack is on by default (IPv6DualStack beta) from this version. */
const DUAL_STACK_ON_BY_DEFAULT = GATES.IPv6DualStack.defaultOn as string;

export const GATES_SOURCE = 'staging/src/k8s.io/component-base/featuregate/feature_gate.go';

/**
 * Findings for a feature-gate map. `pathOf(name)` names the field (`featureGates.IPv6DualStack`,
 * `--feature-gates.IPv6DualStack`). A tracked gate that does not exist in the target version (not
 * yet, or removed) is an error: the component refuses to start. A gate the table does not track is
 * an info that says so, never a claim.
 */
export function featureGateFindings(gates: unknown, ctx: RuleContext, pathOf: (name: string) => string, listPath: string): Finding[] {
  const out: Finding[] = [];
  if (gates === undefined || gates === null) return out;
  if (!isRecord(gates)) {
    out.push(finding.error('feature-gates-type', listPath, `${quote(gates)} is not a map of gate name to true/false`, 'write e.g. { "NFTablesProxyMode": true }', GATES_SOURCE));
    return out;
  }
  const v = ctx.version.toString();
  for (const name of Object.keys(gates).sort()) {
    const value = gates[name];
    const p = pathOf(name);
    if (typeof value !== 'boolean') {
      out.push(finding.error('feature-gate-value', p, `${quote(value)} is not true or false`, `write ${name}: true or ${name}: false`, GATES_SOURCE));
      continue;
    }
    const status = featureGateStatus(name, ctx.version);
    const h = FEATURE_GATES[name];
    const stage = status.stage;
    if (!status.tracked) {
      // Not a claim: a gate these rules do not track may well exist (component-base refuses only
      // names the component's own list lacks).
      out.push(
        finding.info(
          'feature-gate-untracked',
          p,
          `${quote(name)} is not a gate these rules track, so its stage in ${v} is not checked here (a component refuses only names its own gate list lacks: "unrecognized feature gate")`,
          `check the spelling against the feature-gate list of Kubernetes ${v} (kubernetes.io/docs/reference/command-line-tools-reference/feature-gates)`,
          GATES_SOURCE,
        ),
      );
      continue;
    }
    if (stage === 'removed') {
      out.push(
        finding.error(
          'feature-gate-removed',
          p,
          `${name}=${value}: the ${name} gate was removed in Kubernetes ${h.removed} (its feature is permanent); ${v} components refuse it as an unrecognized feature gate`,
          `delete ${name} from the feature gates`,
          h.source,
        ),
      );
      continue;
    }
    if (stage === 'absent') {
      out.push(
        finding.error(
          'feature-gate-not-yet',
          p,
          `${name}=${value}: the ${name} gate does not exist before Kubernetes ${h.alpha}; ${v} components refuse it as an unrecognized feature gate`,
          `delete ${name}, or target Kubernetes ${h.alpha} or later`,
          h.source,
        ),
      );
      continue;
    }
    if (status.locked) {
      if (value === false) {
        out.push(
          finding.error(
            'feature-gate-locked',
            p,
            `${name}=false: ${name} is GA and locked to true in ${v}; components refuse "cannot set feature gate ${name} to false, feature is locked to true"`,
            `delete ${name} (it is always on)`,
            h.source,
          ),
        );
      } else {
        out.push(finding.info('feature-gate-redundant', p, `${name}=true: ${name} is GA and always on in ${v}; setting it only logs a deprecation warning`, `delete ${name}`, h.source));
      }
      continue;
    }
    if (stage === 'ga' && value === false) {
      out.push(
        finding.warning(
          'feature-gate-ga-off',
          p,
          `${name}=false: ${name} is GA in ${v} and will be locked on${h.locked ? ` in ${h.locked}` : ''}; turning it off is accepted but only for this release line`,
          `plan to remove ${name}=false before upgrading`,
          h.source,
        ),
      );
    }
    if (stage === 'deprecated') {
      out.push(finding.info('feature-gate-deprecated', p, `${name}=${value}: ${name} is deprecated in ${v}${h.removed ? ` and goes away in ${h.removed}` : ''}`, `plan to stop depending on ${name}`, h.source));
    }
    if (stage === 'alpha' && value === true) {
      out.push(finding.info('feature-gate-alpha', p, `${name}=true turns on an alpha feature in ${v}`, 'alpha features are off by default for a reason: test before production', h.source));
    }
  }
  return out;
}

/**
 * Before 1.21, dual-stack needs `IPv6DualStack=true` on the component (alpha 1.16–1.20; beta and
 * on by default 1.21). Returns the finding when a dual-stack setting is used without it.
 */
export function dualStackGateFinding(ctx: RuleContext, path: string, value: string, component: string, source: string, fix?: string): Finding | undefined {
  if (ctx.gate('IPv6DualStack')) return undefined;
  if (fix !== undefined && ctx.version.before(DUAL_STACK_ON_BY_DEFAULT)) {
    return finding.error('dual-stack-gate-off', path, `${quote(value)} is dual-stack, which ${component} ${ctx.version} accepts only with the IPv6DualStack gate on (alpha until ${DUAL_STACK_ON_BY_DEFAULT})`, fix, source);
  }
  return finding.error(
    'dual-stack-gate-off',
    path,
    `${quote(value)} is dual-stack, which ${component} ${ctx.version} accepts only with --feature-gates=IPv6DualStack=true (alpha until ${DUAL_STACK_ON_BY_DEFAULT})`,
    ctx.version.before(DUAL_STACK_ON_BY_DEFAULT) ? `set featureGates: { IPv6DualStack: true } on every component, or target Kubernetes ≥ ${DUAL_STACK_ON_BY_DEFAULT}` : 'remove IPv6DualStack=false',
    source,
  );
}
