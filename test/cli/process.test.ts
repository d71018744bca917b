/**
 * The command as a child process, the way a user runs it: real argv, real exit status, real
 * stdout/stderr. lib/cli/main.ts runs through a tiny TypeScript require hook (support/ts-register.js),
 * so the test needs no prior build. The in-process tests cover the behaviour in detail.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { FIXTURES, tableRow } from './support/fake-io';

const ROOT = path.join(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'lib', 'cli', 'main.ts');
const HOOK = path.join(__dirname, 'support', 'ts-register.js');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['-r', HOOK, MAIN, ...args], { cwd: FIXTURES, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('k8s-dualstack as a child process', () => {
  test('plan over the field report: the table rows, exit status 0', () => {
    const r = cli('plan', '--config', 'field-report.yaml');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(tableRow(r.stdout, 'pod network')).toEqual(['pod network', '172.16.0.0/16', 'fc00::/48']);
    expect(tableRow(r.stdout, 'service network')).toEqual(['service network', '10.96.0.0/12', 'fd00::/108']);
    expect(tableRow(r.stdout, 'kubernetes.default')).toEqual(['kubernetes.default', '10.96.0.1', 'fd00::1']);
  });

  test('plan --format json parses', () => {
    const r = cli('plan', '--config', 'field-report.yaml', '--format', 'json');
    expect(JSON.parse(r.stdout).families.map((f: { podCidr: string }) => f.podCidr)).toEqual(['172.16.0.0/16', 'fc00::/48']);
  });

  test('fails with exit 1 and the field path on a bad file', () => {
    const r = cli('plan', '--config', 'bad-spec.yaml');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('podCidrs[1]: "fc00::/480" is not a valid CIDR');
  });

  test('fails with exit 2 on an unknown flag', () => {
    const r = cli('plan', '--config', 'field-report.yaml', '--colour');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option "--colour"');
  });
});
