import { IConstruct } from 'constructs';
import { Finding, formatFinding, Severity } from './plan/findings';

/** Marks a construct that reports the findings of everything under it (`DualStackCluster`). */
const OWNER = Symbol.for('k8s-dualstack.findings-owner');
/** The findings function of a construct that reports some. */
const REPORTS = Symbol.for('k8s-dualstack.findings');

type Marked = IConstruct & { [OWNER]?: true; [REPORTS]?: Array<() => readonly Finding[]> };

/**
 * Make `scope` the one reporter of every finding under it: the constructs below it stay silent, and
 * `scope` reports what one pure function computed for the whole (`clusterFindings`). Call it in the
 * constructor before any child is created.
 */
export function ownFindings(scope: IConstruct): void {
  (scope as Marked)[OWNER] = true;
}

/** Whether a construct above `scope` owns its findings (then `scope` reports none). */
export function findingsOwned(scope: IConstruct): boolean {
  return scope.node.scopes.some((s) => s !== scope && (s as Marked)[OWNER] === true);
}

/**
 * Every finding the constructs under `root` report at synth (errors and warnings alike), in tree
 * order: what `cdk8s synth` of that tree lists.
 */
export function reportedFindings(root: IConstruct): Finding[] {
  return root.node.findAll().flatMap((c) => (findingsOwned(c) ? [] : ((c as Marked)[REPORTS] ?? []).flatMap((get) => [...get()])));
}

/**
 * Surface findings on a construct so `cdk8s synth` reports them: errors fail validation (cdk8s
 * validates the whole app before writing any file, so nothing is emitted half-way, and every
 * error of every construct is listed at once); warnings are printed to stderr once
 * (infos are for `k8s-dualstack plan`, not for every synth).
 * The findings are computed when validation runs, never inside lazy rendering, and once.
 * A construct under one that owns its findings (`ownFindings`: `DualStackCluster`) reports nothing:
 * the owner reports them all, each once.
 *
 * Set `K8S_DUALSTACK_QUIET=1` to silence the warnings (tests do).
 */
export function attachFindings(scope: IConstruct, findings: () => readonly Finding[]): void {
  let printed = false;
  // cdk8s validates the whole tree once per chart it writes: compute the findings once.
  let computed: readonly Finding[] | undefined;
  const get = (): readonly Finding[] => (computed ??= findings());
  ((scope as Marked)[REPORTS] ??= []).push(get);
  scope.node.addValidation({
    validate: () => {
      if (findingsOwned(scope)) return [];
      const mine = get();
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
