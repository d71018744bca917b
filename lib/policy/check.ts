import { quote } from '../net/errors';
import type { Finding } from '../plan/findings';
import { plainCopy } from '../plan/input';
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
  // Plain data first (lib/plan/input.ts): a Proxy, a throwing getter or a cycle in an object must
  // not make the check throw; what cannot be read is a violation naming where.
  const read: Finding[] = [];
  const list = plainCopy(objects, '', read);
  const opts = (plainCopy(options, 'options', read) ?? {}) as PolicyOptions;
  const out: PolicyViolation[] = read.map((f) => inputViolation(f.path.startsWith('[') || f.path.startsWith('options') ? f.path : `.${f.path}`, f.message.replace(/^[^:]*: /, ''), 'pass plain objects (what cdk8s synth writes, or chart.toJson())'));
  if (!Array.isArray(list)) {
    out.push(inputViolation('.', `${quote(objects)} is not a list of objects`, 'pass an array of Kubernetes objects, e.g. chart.toJson()'));
    return out;
  }
  const version = typeof opts.kubernetesVersion === 'string' ? KubernetesVersion.tryParse(opts.kubernetesVersion) : undefined;
  const enforceLevels = new Map<string, string>();
  for (const o of list as any[]) {
    if (o?.kind === 'Namespace' && typeof o.metadata?.name === 'string') enforceLevels.set(o.metadata.name, o.metadata?.labels?.['pod-security.kubernetes.io/enforce']);
  }
  const ctx: PolicyRuleContext = { version, privilegedWorkloads: Array.isArray(opts.privilegedWorkloads) ? opts.privilegedWorkloads : DEFAULT_PRIVILEGED_WORKLOADS, enforceLevels };
  const exemptions = [...DEFAULT_POLICY_EXEMPTIONS, ...(Array.isArray(opts.exemptions) ? opts.exemptions.filter((e): e is PolicyExemption => typeof e === 'object' && e !== null) : [])];
  (list as any[]).forEach((o, i) => {
    if (!o || typeof o !== 'object' || Array.isArray(o) || typeof o.kind !== 'string') return;
    const resource = {
      apiVersion: String(o.apiVersion),
      kind: o.kind,
      name: String(o.metadata?.name ?? ''),
      ...(o.metadata?.namespace !== undefined ? { namespace: String(o.metadata.namespace) } : {}),
    };
    for (const rule of POLICY_RULES) {
      let hits: ReturnType<typeof rule.check>;
      try {
        hits = rule.check(o, ctx);
      } catch (e) {
        // A rule bug on an odd object: reported on the object, never thrown.
        out.push({ ...inputViolation(`[${i}]`, `the rule failed on this object (${quote(e instanceof Error ? e.message : String(e))})`, 'report this object to k8s-dualstack'), rule: rule.id, resource });
        continue;
      }
      for (const hit of hits) {
        const v: PolicyViolation = { rule: rule.id, resource, path: hit.path, message: hit.message, fix: hit.fix, mirrors: rule.mirrors };
        if (!exempted(v, exemptions)) out.push(v);
      }
    }
  });
  return out;
}

/** A violation about the input itself (not a list, unreadable values): rule `policy-input`. */
function inputViolation(path: string, message: string, fix: string): PolicyViolation {
  return { rule: 'policy-input', resource: { apiVersion: '', kind: '', name: '' }, path, message, fix, mirrors: [] };
}

/** One line per violation: `DaemonSet kube-system/x .spec…: message (fix: …) [rule]`. */
export function formatViolation(v: PolicyViolation): string {
  const r = v.resource;
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name} ${v.path}: ${v.message} (fix: ${v.fix}) [${v.rule}]`;
}
