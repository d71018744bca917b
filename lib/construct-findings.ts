import { IConstruct } from 'constructs';
import { Finding, formatFinding, Severity } from './plan/findings';

/**
 * Which construct reports a finding, per construct tree: when two constructs compute the same
 * finding (the plan's findings seen by several areas, a kube-proxy rule that both the kubeadm config
 * and the kube-proxy ConfigMap depend on), the first one validated owns it and the others stay
 * silent, so `cdk8s synth` lists each problem once. Validation order is the tree order, so the
 * owner is the same on every synth.
 */
const owners = new WeakMap<IConstruct, Map<string, IConstruct>>();

function keyOf(f: Finding): string {
  return `${f.severity}\u0000${f.code}\u0000${f.path}\u0000${f.message}`;
}

/**
 * Surface findings on a construct so `cdk8s synth` reports them: errors fail validation (cdk8s
 * validates the whole app before writing any file, so nothing is emitted half-way, and every
 * error of every construct is listed at once); warnings are printed to stderr once
 * (infos are for `k8s-dualstack plan`, not for every synth).
 * The findings are computed when validation runs, never inside lazy rendering.
 *
 * Set `K8S_DUALSTACK_QUIET=1` to silence the warnings (tests do).
 */
export function attachFindings(scope: IConstruct, findings: () => readonly Finding[]): void {
  let printed = false;
  // cdk8s validates the whole tree once per chart it writes: compute the findings once.
  let computed: readonly Finding[] | undefined;
  scope.node.addValidation({
    validate: () => {
      computed ??= findings();
      const root = scope.node.root;
      let byKey = owners.get(root);
      if (!byKey) {
        byKey = new Map();
        owners.set(root, byKey);
      }
      const mine: Finding[] = [];
      const seen = new Set<string>();
      for (const f of computed) {
        const key = keyOf(f);
        const owner = byKey.get(key);
        if (owner === undefined) byKey.set(key, scope);
        if ((owner === undefined || owner === scope) && !seen.has(key)) {
          seen.add(key);
          mine.push(f);
        }
      }
      if (!printed && !process.env.K8S_DUALSTACK_QUIET) {
        printed = true;
        for (const f of mine) {
          if (f.severity === Severity.WARNING) process.stderr.write(`[${scope.node.path}] ${formatFinding(f)}\n`);
        }
      }
      return mine.filter((f) => f.severity === Severity.ERROR).map(formatFinding);
    },
  });
}
