/**
 * apply.sh of a synthesized stack, run by bash against fake `kubectl`, `kubeadm`, `id` and `bash`
 * (for the node scripts) on PATH that record their arguments: the order of the steps, and that the
 * script stops at the first failing command.
 */
import { execFileSync, spawnSync } from 'child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { STACK_PROPS, stackApp } from '../../stacks/registry';

const BASH = execFileSync('sh', ['-c', 'command -v bash']).toString().trim();

let root: string;
let stack: string;
let bin: string;
let log: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'apply-sh-'));
  stack = join(root, 'calico-operator-nftables');
  stackApp(stack, STACK_PROPS['calico-operator-nftables'](), 'calico-operator-nftables').synth();
  bin = join(root, 'bin');
  log = join(root, 'calls.log');
  execFileSync('mkdir', ['-p', bin]);
  const fake = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> "$FAKE_LOG"\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  // FAKE_FAIL: a word; the fake exits 1 when its arguments contain it.
  const failOn = 'if [ -n "${FAKE_FAIL:-}" ]; then case "$*" in *"$FAKE_FAIL"*) echo "fake failure" >&2; exit 1 ;; esac; fi';
  fake('kubectl', `${failOn}\ncase "$*" in *"get job"*) printf '%s' "\${FAKE_JOB:-Complete}" ;; esac\nexit 0`);
  fake('kubeadm', `${failOn}\nexit 0`);
  fake('bash', `${failOn}\nexit 0`);
  fake('id', 'echo 0');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}) {
  writeFileSync(log, '');
  const r = spawnSync(BASH, [join(stack, 'apply.sh'), ...args], { env: { PATH: `${bin}:/usr/bin:/bin`, FAKE_LOG: log, ...env }, encoding: 'utf8' });
  const calls = readFileSync(log, 'utf8').split('\n').filter((l) => l !== '');
  return { status: r.status, stderr: r.stderr, stdout: r.stdout, calls };
}

test('bash -n accepts it', () => {
  expect(spawnSync(BASH, ['-n', join(stack, 'apply.sh')]).status).toBe(0);
  expect(readFileSync(join(stack, 'apply.sh'), 'utf8')).toContain('set -euo pipefail');
});

test('cluster: every file in order, CRDs established before anything else, the Installation before ingress, the smoke test last', () => {
  const r = run(['cluster']);
  expect(r.status).toBe(0);
  expect(r.calls).toEqual([
    'kubectl apply --server-side -f 0002-crds.k8s.yaml',
    'kubectl wait --for condition=established --timeout=600s -f 0002-crds.k8s.yaml',
    'kubectl apply --server-side -f 0003-host-prep.k8s.yaml',
    'kubectl -n k8s-dualstack-host rollout status daemonset/host-network-prep --timeout=600s',
    'kubectl apply --server-side -f 0005-cni.k8s.yaml',
    'kubectl -n tigera-operator rollout status deployment/tigera-operator --timeout=600s',
    'kubectl apply --server-side -f 0006-custom-resources.k8s.yaml',
    'kubectl get tigerastatus calico',
    'kubectl wait --for=condition=Available --timeout=600s tigerastatus/calico',
    'kubectl apply --server-side -f 0007-ingress.k8s.yaml',
    'kubectl apply --server-side -f 0008-app.k8s.yaml',
    'kubectl -n default rollout status deployment/common-nginx --timeout=600s',
    'kubectl apply --server-side -f 0009-smoke-test.k8s.yaml',
    'kubectl -n dualstack-smoke get job dualstack-smoke -o jsonpath={.status.conditions[?(@.status=="True")].type}',
    'kubectl -n dualstack-smoke logs job/dualstack-smoke',
  ]);
  // The kube-proxy ConfigMap is kubeadm's on a new cluster: said, not applied.
  expect(r.stdout).toContain('0004-kube-proxy.k8s.yaml: skipped');
});

test('fails at the first failing command and runs nothing after it', () => {
  const r = run(['cluster'], { FAKE_FAIL: '0005-cni' });
  expect(r.status).not.toBe(0);
  expect(r.calls[r.calls.length - 1]).toBe('kubectl apply --server-side -f 0005-cni.k8s.yaml');
  expect(r.calls.some((c) => c.includes('custom-resources'))).toBe(false);
});

test('fails when a CRD never becomes established (the wait fails), before any custom resource', () => {
  const r = run(['cluster'], { FAKE_FAIL: 'condition=established' });
  expect(r.status).not.toBe(0);
  expect(r.calls).toHaveLength(2);
});

test('fails at once, with the logs, when the smoke-test Job fails (no wait for the timeout)', () => {
  const r = run(['cluster'], { FAKE_JOB: 'FailureTarget Failed' });
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain('job dualstack-smoke/dualstack-smoke failed');
  expect(r.calls.slice(-2)).toEqual([
    'kubectl -n dualstack-smoke get job dualstack-smoke -o jsonpath={.status.conditions[?(@.status=="True")].type}',
    'kubectl -n dualstack-smoke logs job/dualstack-smoke',
  ]);
});

test('passes on a Job that reports SuccessCriteriaMet before Complete (Kubernetes ≥ 1.31)', () => {
  expect(run(['cluster'], { FAKE_JOB: 'SuccessCriteriaMet Complete' }).status).toBe(0);
});

test('node: the control-plane node runs its node script, then kubeadm init with the init file', () => {
  const r = run(['node', 'cp-1', 'debian']);
  expect(r.status).toBe(0);
  expect(r.calls).toEqual(['id -u', 'bash 0000-node/cp-1.debian.sh', 'kubeadm init --config 0001-kubeadm/init.kubeadm.conf']);
});

test('node: fails before touching the node while a join file still has placeholders', () => {
  const r = run(['node', 'worker-1', 'rhel']);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain('REPLACE-ME');
  expect(r.calls).toEqual(['id -u']);
});

test('node: a worker joins with its own file once the placeholders are replaced; a failing node script stops it', () => {
  const file = join(stack, '0001-kubeadm', 'join-worker-2.kubeadm.conf');
  const original = readFileSync(file, 'utf8');
  try {
    writeFileSync(file, original.replace(/REPLACE-ME[^\s"]*/g, 'x'));
    expect(run(['node', 'worker-2', 'rhel']).calls).toEqual(['id -u', 'bash 0000-node/worker-2.rhel.sh', 'kubeadm join --config 0001-kubeadm/join-worker-2.kubeadm.conf']);
    const failed = run(['node', 'worker-2', 'rhel'], { FAKE_FAIL: 'worker-2.rhel.sh' });
    expect(failed.status).not.toBe(0);
    expect(failed.calls.some((c) => c.startsWith('kubeadm'))).toBe(false);
  } finally {
    writeFileSync(file, original);
  }
});

test.each([
  [['node', 'nope', 'debian'], /unknown node nope/],
  [['node', 'cp-1', 'arch'], /unknown distribution arch/],
  [[], /usage/],
])('fails on bad usage %j', (args, message) => {
  const r = run(args as string[]);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(message);
  expect(r.calls.filter((c) => !c.startsWith('id '))).toEqual([]);
});

test('kube-proxy: take over config.conf, then roll kube-proxy', () => {
  expect(run(['kube-proxy']).calls).toEqual([
    'kubectl apply --server-side --force-conflicts -f 0004-kube-proxy.k8s.yaml',
    'kubectl -n kube-system rollout restart daemonset/kube-proxy',
    'kubectl -n kube-system rollout status daemonset/kube-proxy --timeout=600s',
  ]);
});

test('every kubeadm placeholder carries the mark the node step refuses', () => {
  const { KubeadmDefaults, KUBEADM_PLACEHOLDER_MARK } = require('../../lib/render') as typeof import('../../lib/render');
  for (const p of [KubeadmDefaults.TOKEN_PLACEHOLDER, KubeadmDefaults.CA_CERT_HASH_PLACEHOLDER, KubeadmDefaults.CERTIFICATE_KEY_PLACEHOLDER]) expect(p).toContain(KUBEADM_PLACEHOLDER_MARK);
});
