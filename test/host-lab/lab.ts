// Shared pieces of the host lab: why a suite cannot run here, shell helpers with timeouts, names
// unique to this run, and a clean-up list that afterAll runs whatever happened.
import { spawnSync, SpawnSyncReturns } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
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

/**
 * Register the suite's tests, or one skipped test and one line on stderr saying why. Returns true
 * when the suite runs.
 */
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
  return `k8sds${tag}${process.pid % 100000}`.slice(0, 15);
}

/** A temporary directory for the suite, removed by the clean-up. */
export function labDir(cleanup: Cleanup, tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), `k8sds-${tag}-`));
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
