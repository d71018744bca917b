import { IConstruct } from 'constructs';
import { Finding, formatFinding, Severity } from './plan/findings';

/**
 * Surface findings on a construct so `cdk8s synth` reports them: errors fail validation (cdk8s
 * validates the whole app before writing any file, so nothing is emitted half-way, and every
 * error of every construct is listed at once); warnings are printed to stderr once.
 * The findings are computed when validation runs, never inside lazy rendering.
 *
 * Set `K8S_DUALSTACK_QUIET=1` to silence the warnings (tests do).
 */
export function attachFindings(scope: IConstruct, findings: () => readonly Finding[]): void {
  let printed = false;
  scope.node.addValidation({
    validate: () => {
      const all = findings();
      if (!printed && !process.env.K8S_DUALSTACK_QUIET) {
        printed = true;
        for (const f of all) {
          if (f.severity !== Severity.ERROR) process.stderr.write(`[${scope.node.path}] ${formatFinding(f)}\n`);
        }
      }
      return all.filter((f) => f.severity === Severity.ERROR).map(formatFinding);
    },
  });
}
