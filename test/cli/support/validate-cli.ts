/**
 * `k8s-dualstack validate` as a child process over test/fixtures/validate/: real argv, exit status
 * and output. lib/cli/main.ts runs through the TypeScript require hook (./ts-register.js), so the
 * tests need no build.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..', '..');
const MAIN = path.join(ROOT, 'lib', 'cli', 'main.ts');
const HOOK = path.join(__dirname, 'ts-register.js');
const DIR = path.join(ROOT, 'test', 'fixtures', 'validate');

export interface JsonFinding {
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: string;
  readonly path: string;
  readonly message: string;
  readonly fix?: string;
  readonly document: number;
}

/** `validate ARGS…` in the fixtures folder: exit status, stdout, stderr. */
export function runValidate(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['-r', HOOK, MAIN, 'validate', ...args], { cwd: DIR, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `validate --format json ARGS…`: exit status and the findings. */
export function validateJson(...args: string[]): { code: number | null; findings: JsonFinding[]; stderr: string } {
  const r = runValidate('--format', 'json', ...args);
  const json = r.stdout ? JSON.parse(r.stdout) : { findings: [] };
  return { code: r.code, findings: json.findings, stderr: r.stderr };
}
