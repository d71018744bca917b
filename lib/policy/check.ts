import { KubernetesVersion } from '../plan/version';
import { DEFAULT_POLICY_EXEMPTIONS, DEFAULT_PRIVILEGED_WORKLOADS } from './allow-list';
import { POLICY_RULES, PolicyRuleContext } from './rules';
import { PolicyExemption, PolicyOptions, PolicyViolation } from './types';

function exempted(v: PolicyViolation, exemptions: readonly PolicyExemption[]): boolean {
  return exemptions.some(
    (e) =>
      typeof e.reason === 'string' && e.reason.trim().length > 0 &&
      e.rule === v.rule && e.kind === v.resource.kind && e.name === v.resource.name &&
      (e.namespace === undefined || e.namespace === v.resource.namespace),
  );
}

/**
 * Check plain Kubernetes objects (what `cdk8s synth` writes, or `chart.toJson()`) against the
 * policy: RBAC without wildcards or cluster-admin, pinned images, requests everywhere, privileges
 * only for allow-listed workloads with a reason, Pod Security Restricted for everything else,
 * Pod Security labels on namespaces, Jobs cleaned up. Objects the rules do not concern (kubeadm
 * documents, ConfigMaps …) are skipped. Never throws; violations come in object order, then rule order.
 */
export function checkPolicy(objects: readonly unknown[], options: PolicyOptions = {}): PolicyViolation[] {
  const version = options.kubernetesVersion !== undefined ? KubernetesVersion.tryParse(options.kubernetesVersion) : undefined;
  const enforceLevels = new Map<string, string>();
  for (const o of objects as any[]) {
    if (o?.kind === 'Namespace' && typeof o.metadata?.name === 'string') enforceLevels.set(o.metadata.name, o.metadata?.labels?.['pod-security.kubernetes.io/enforce']);
  }
  const ctx: PolicyRuleContext = { version, privilegedWorkloads: options.privilegedWorkloads ?? DEFAULT_PRIVILEGED_WORKLOADS, enforceLevels };
  const out: PolicyViolation[] = [];
  const exemptions = [...DEFAULT_POLICY_EXEMPTIONS, ...(options.exemptions ?? [])];
  for (const o of objects as any[]) {
    if (!o || typeof o !== 'object' || typeof o.kind !== 'string') continue;
    const resource = {
      apiVersion: String(o.apiVersion),
      kind: o.kind,
      name: String(o.metadata?.name ?? ''),
      ...(o.metadata?.namespace !== undefined ? { namespace: String(o.metadata.namespace) } : {}),
    };
    for (const rule of POLICY_RULES) {
      for (const hit of rule.check(o, ctx)) {
        const v: PolicyViolation = { rule: rule.id, resource, path: hit.path, message: hit.message, fix: hit.fix, mirrors: rule.mirrors };
        if (!exempted(v, exemptions)) out.push(v);
      }
    }
  }
  return out;
}

/** One line per violation: `DaemonSet kube-system/x .spec…: message (fix: …) [rule]`. */
export function formatViolation(v: PolicyViolation): string {
  const r = v.resource;
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name} ${v.path}: ${v.message} (fix: ${v.fix}) [${v.rule}]`;
}
