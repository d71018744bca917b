// Shared pieces of the host lab: why a suite cannot run here, shell helpers with timeouts, names
// unique to this run, and a clean-up list that afterAll runs whatever happened.
import { spawnSync, SpawnSyncReturns } from 'child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** What a suite needs from the machine. */
export interface LabNeeds {
  /** Executables that must be on PATH (besides ip and unshare). */
  readonly commands?: readonly string[];
}

const SEARCH_PATH = `${process.env.PATH ?? ''}:/usr/sbin:/sbin:/usr/bin:/bin`;

export function which(command: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8', env: { ...process.env, PATH: SEARCH_PATH } });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

let netnsProbe: string | undefined | null = null;

/** Undefined when the suite can run; otherwise one line saying why not. */
export function labSkipReason(needs: LabNeeds = {}): string | undefined {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'not root (network namespaces need CAP_SYS_ADMIN and CAP_NET_ADMIN)';
  for (const c of ['ip', 'unshare', ...(needs.commands ?? [])]) {
    if (!which(c)) return `${c} not found (apt-get install -y iproute2 util-linux nginx-light dnsmasq-base netplan.io kmod)`;
  }
  if (netnsProbe === null) {
    const name = `k8sdsprobe${process.pid}`;
    const r = run(`ip netns add ${name} && ip netns del ${name}`);
    netnsProbe = r.status === 0 ? undefined : `cannot create a network namespace: ${(r.stderr || r.stdout).trim().split('\n')[0]}`;
  }
  return netnsProbe;
}

/** Register the suite's tests, or one skipped test and one line on stderr saying why. */
export function describeLab(name: string, needs: LabNeeds, body: () => void): void {
  const reason = labSkipReason(needs);
  if (reason) {
    process.stderr.write(`host-lab: ${name} skipped: ${reason}\n`);
    describe(name, () => {
      test.skip(`skipped: ${reason}`, () => undefined);
    });
    return;
  }
  describe(name, body);
}

/** Run a bash snippet; never throws; bounded by a timeout. */
export function run(script: string, options: { input?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<string> {
  return spawnSync('bash', ['-c', script], {
    encoding: 'utf8',
    input: options.input,
    timeout: options.timeoutMs ?? 15000,
    env: { ...process.env, PATH: SEARCH_PATH, ...(options.env ?? {}) },
  });
}

/** Run a bash snippet that must succeed; throws with its output otherwise. */
export function must(script: string, options: { input?: string; timeoutMs?: number } = {}): string {
  const r = run(script, options);
  if (r.status !== 0) throw new Error(`lab command failed (${r.status ?? r.signal}): ${script}\n${r.stdout}${r.stderr}${r.error ? String(r.error) : ''}`);
  return r.stdout;
}

/** Names unique to this run (interface names stay within Linux's 15 bytes). */
export function labName(tag: string): string {
  const name = `ds${process.pid % 100000}${tag}`;
  if (name.length > 15) throw new Error(`lab name ${name} is longer than an interface name may be (15)`);
  return name;
}

function isWritableDir(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** A temporary directory for the suite, removed by the clean-up. */
export function labDir(cleanup: Cleanup, tag: string): string {
  // /dev/shm is a tmpfs nearly everywhere: an overlay's upper layer may not sit on overlayfs (a
  // container's /tmp), and nothing of the lab touches a disk.
  const base = isWritableDir('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = mkdtempSync(join(base, `k8sds-${tag}-`));
  cleanup.add(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Clean-up steps, run last-in first-out; each step's failure is kept, the others still run. */
export class Cleanup {
  private readonly steps: Array<() => void> = [];
  public add(step: () => void): void {
    this.steps.push(step);
  }
  public netns(name: string): void {
    this.add(() => {
      run(`ip netns pids ${name} 2>/dev/null | xargs -r kill -9; ip netns del ${name} 2>/dev/null || true`);
    });
  }
  public runAll(): void {
    const errors: string[] = [];
    while (this.steps.length) {
      const step = this.steps.pop()!;
      try {
        step();
      } catch (e) {
        errors.push(String(e));
      }
    }
    if (errors.length) throw new Error(`host-lab clean-up: ${errors.join('; ')}`);
  }
}

/** One end of a lab link: a network namespace and the addresses on its veth end. */
export interface LinkEnd {
  readonly ns: string;
  readonly dev: string;
}

/**
 * Two network namespaces joined by a veth pair, each end holding its addresses (`a/prefix`; IPv6
 * without duplicate address detection, so they are usable at once). Both namespaces are deleted
 * by the clean-up, which removes the veth with them.
 */
export function labLink(cleanup: Cleanup, tag: string, a: readonly string[], b: readonly string[]): { a: LinkEnd; b: LinkEnd } {
  const end = (side: string): LinkEnd => ({ ns: labName(`${tag}${side}`), dev: labName(`v${tag}${side}`) });
  const ea = end('a');
  const eb = end('b');
  cleanup.netns(ea.ns);
  cleanup.netns(eb.ns);
  const addrs = (e: LinkEnd, list: readonly string[]) =>
    list.map((x) => `ip -n ${e.ns} addr add ${x} dev ${e.dev}${x.includes(':') ? ' nodad' : ''}`);
  must([
    `ip netns add ${ea.ns}`,
    `ip netns add ${eb.ns}`,
    `ip link add ${ea.dev} netns ${ea.ns} type veth peer name ${eb.dev} netns ${eb.ns}`,
    ...[ea, eb].flatMap((e) => [`ip -n ${e.ns} link set lo up`, `ip -n ${e.ns} link set ${e.dev} up`]),
    ...addrs(ea, a),
    ...addrs(eb, b),
  ].join(' && '));
  return { a: ea, b: eb };
}

/** The outcome of one GET from Node's http client. */
export interface Fetched {
  readonly url: string;
  readonly status?: number;
  readonly body?: string;
  readonly error?: string;
}

/**
 * GET each URL with Node's http client from inside a namespace, forcing the address family;
 * one attempt per URL, each bounded by timeoutMs.
 */
export function fetchIn(ns: string, requests: ReadonlyArray<{ url: string; family: 4 | 6 }>, timeoutMs = 2000): Fetched[] {
  const client = [
    "const http = require('http');",
    'const reqs = JSON.parse(process.argv[1]);',
    'const one = (r) => new Promise((done) => {',
    `  const q = http.get(r.url, { family: r.family, timeout: ${timeoutMs}, agent: false }, (res) => {`,
    "    let body = ''; res.setEncoding('utf8'); res.on('data', (c) => { body += c; });",
    "    res.on('end', () => done({ url: r.url, status: res.statusCode, body }));",
    '  });',
    "  q.on('timeout', () => q.destroy(new Error('timed out')));",
    "  q.on('error', (e) => done({ url: r.url, error: (e.code ? e.code + ' ' : '') + e.message }));",
    '});',
    '(async () => { const out = []; for (const r of reqs) out.push(await one(r)); process.stdout.write(JSON.stringify(out)); })();',
  ].join('\n');
  const r = spawnSync('ip', ['netns', 'exec', ns, process.execPath, '-e', client, JSON.stringify(requests)], {
    encoding: 'utf8',
    timeout: timeoutMs * requests.length + 5000,
    env: { ...process.env, PATH: SEARCH_PATH },
  });
  if (r.status !== 0) throw new Error(`http client in ${ns} failed: ${r.stderr}${r.error ? String(r.error) : ''}`);
  return JSON.parse(r.stdout) as Fetched[];
}

/** Poll until `ready()` or the attempts run out (bounded: attempts × delayMs). */
export function waitFor(ready: () => boolean, attempts = 50, delayMs = 100): boolean {
  for (let i = 0; i < attempts; i++) {
    if (ready()) return true;
    spawnSync('sleep', [String(delayMs / 1000)]);
  }
  return false;
}
