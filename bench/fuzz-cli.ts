/**
 * Mutated YAML files fed to the CLI (issue 19 §4): start from real inputs, cut, repeat, insert
 * YAML-special text, and run `k8s-dualstack plan` / `validate` on the result. The CLI must answer
 * with exit 0, 1 or 2, print no stack trace or "internal error", keep its output small, and finish.
 * `cliMutationBroken` runs it in-process (fast, many cases); `childMutationBroken` as a child
 * process (what a user runs; bounded count and a timeout).
 */
import { spawnSync } from 'child_process';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { processIo } from '../lib/cli/io';
import { run } from '../lib/cli/run';

/** Seed texts: a spec, a multi-document kubeadm + kube-proxy file, JSON. */
export const SEEDS: readonly string[] = [
  [
    'kubernetesVersion: "1.33"',
    'featureGates: { NFTablesProxyMode: true }',
    'podCidrs: [10.244.0.0/16, fd5e:9a2b:71c4::/56]',
    'serviceCidrs: [10.96.0.0/12, fd5e:9a2b:71c4:ffff::/112]',
    'nodes:',
    '  - name: node53',
    '    ipv4: 192.168.101.53/24',
    '    ipv6: 2003:ac18::30a:2/64',
    '    controlPlane: true',
    '    interface: eth0',
    'expectedNodes: 3',
    '',
  ].join('\n'),
  [
    'apiVersion: kubeadm.k8s.io/v1beta4',
    'kind: ClusterConfiguration',
    'kubernetesVersion: v1.33.2',
    'networking:',
    '  podSubnet: 10.244.0.0/16,fd5e:9a2b:71c4::/56',
    '  serviceSubnet: 10.96.0.0/12,fd5e:9a2b:71c4:ffff::/112',
    '---',
    'apiVersion: kubeproxy.config.k8s.io/v1alpha1',
    'kind: KubeProxyConfiguration',
    'mode: nftables',
    'clusterCIDR: 10.244.0.0/16,fd5e:9a2b:71c4::/56',
    'nodePortAddresses: [primary]',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata: { name: web }',
    'spec: { ipFamilyPolicy: RequireDualStack, ports: [{ port: 80 }] }',
    '',
  ].join('\n'),
  '{"podCidrs": ["10.244.0.0/16"], "serviceCidrs": ["10.96.0.0/12"], "nodes": [{"name": "a", "ipv4": "192.168.1.2/24", "controlPlane": true}]}\n',
];

const SNIPPETS = ['&a ', '*a', '*b ', ': ', '- ', '[', ']', '{', '}', '"', "'", '\t', '\n', '\n  ', '---\n', 'yes', 'on', '~', '!!str ', '!!binary ', '? ', '|\n', '%YAML 1.1\n', '\u0000', '\ufeff', ',', '#', '&a [*a, *a, *a]', '<<: *a\n'];

/** One mutation step of a text. */
const mutation = fc.oneof(
  fc.tuple(fc.constant('insert' as const), fc.nat(), fc.constantFrom(...SNIPPETS)),
  fc.tuple(fc.constant('delete' as const), fc.nat(), fc.integer({ min: 1, max: 20 })),
  fc.tuple(fc.constant('repeat' as const), fc.nat(), fc.integer({ min: 2, max: 50 })),
  fc.tuple(fc.constant('truncate' as const), fc.nat(), fc.constant(0)),
  fc.tuple(fc.constant('nest' as const), fc.nat(), fc.integer({ min: 10, max: 400 })),
);

export function mutate(text: string, steps: ReadonlyArray<readonly ['insert' | 'delete' | 'repeat' | 'truncate' | 'nest', number, string | number]>): string {
  let t = text;
  for (const [kind, at, arg] of steps) {
    const i = t.length === 0 ? 0 : at % (t.length + 1);
    if (kind === 'insert') t = t.slice(0, i) + String(arg) + t.slice(i);
    else if (kind === 'delete') t = t.slice(0, i) + t.slice(i + Number(arg));
    else if (kind === 'truncate') t = t.slice(0, i);
    else if (kind === 'nest') t = t.slice(0, i) + '['.repeat(Number(arg)) + ']'.repeat(Number(arg)) + t.slice(i);
    else {
      // Repeat the line at i: long lists and duplicate keys.
      const start = t.lastIndexOf('\n', i - 1) + 1;
      const end = t.indexOf('\n', i);
      const line = t.slice(start, end < 0 ? t.length : end + 1);
      t = t.slice(0, start) + line.repeat(Number(arg)) + t.slice(start);
    }
  }
  return t;
}

export interface CliCase {
  readonly text: string;
  readonly command: 'plan' | 'validate';
  readonly json: boolean;
}

export const cliCase: fc.Arbitrary<CliCase> = fc
  .tuple(fc.nat({ max: SEEDS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.constantFrom<'plan' | 'validate'>('plan', 'validate'), fc.boolean())
  .map(([seed, steps, command, json]) => ({ text: mutate(SEEDS[seed], steps), command, json }));

/** Output above this is "exploding" (the 5,000-entry probe printed 402 MB). */
const MAX_OUTPUT = 1_000_000;

function judge(code: number | null, stdout: string, stderr: string, signal?: string | null): string | undefined {
  if (signal) return `killed by ${signal} (hang or memory)`;
  if (code !== 0 && code !== 1 && code !== 2) return `exit status ${code}`;
  if (/internal error|\n\s+at .*\(|RangeError|TypeError/.test(stderr)) return `stack trace or internal error: ${stderr.slice(0, 300)}`;
  if (stdout.length + stderr.length > MAX_OUTPUT) return `output of ${stdout.length + stderr.length} characters`;
  if (code === 2 && stderr.trim().length === 0) return 'exit 2 without a message';
  return undefined;
}

function argv(c: CliCase, file: string): string[] {
  const base = c.command === 'plan' ? ['plan', '--config', file] : ['validate', file];
  return c.json ? [...base, '--format', 'json'] : base;
}

let dir: string | undefined;
function tempFile(c: CliCase, n: number): string {
  dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dualstack-fuzz-'));
  const file = path.join(dir, `case-${n % 8}.${c.text.trimStart().startsWith('{') ? 'json' : 'yaml'}`);
  fs.writeFileSync(file, c.text);
  return file;
}

/** Remove the temporary files (call once at the end). */
export function cleanUpCliCases(): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}

let counter = 0;

/** In-process: the real file system, captured output. */
export function cliMutationBroken(c: CliCase): string | undefined {
  const file = tempFile(c, counter++);
  const out: string[] = [];
  const err: string[] = [];
  let size = 0;
  const io = { ...processIo(), stdout: (t: string) => ((size += t.length), size < MAX_OUTPUT * 2 && out.push(t)), stderr: (t: string) => ((size += t.length), size < MAX_OUTPUT * 2 && err.push(t)), isTTY: false, env: {} };
  const code = run(argv(c, file), io as never);
  return judge(code, out.join(''), err.join(''));
}

/**
 * As a child process: `main` is the compiled lib/cli/main.js (npm run fuzz) or main.ts with a
 * require hook (`preload`, in npm test). A timeout turns a hang into a failure.
 */
export function childMutationBroken(c: CliCase, main: string, preload?: string): string | undefined {
  const file = tempFile(c, counter++);
  const r = spawnSync(process.execPath, ['--max-old-space-size=512', ...(preload ? ['-r', preload] : []), main, ...argv(c, file)], {
    encoding: 'utf8',
    timeout: 30_000,
    killSignal: 'SIGKILL',
    maxBuffer: MAX_OUTPUT * 4,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
  });
  return judge(r.status, r.stdout ?? '', r.stderr ?? '', r.signal);
}
