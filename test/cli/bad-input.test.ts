/**
 * Issue 19 §1–§2: hostile and sloppy input to the CLI never crashes, hangs or explodes. Files are
 * read only when they are regular and small enough; YAML and JSON go through one loader with
 * limits; every loader error is one line with file, line and column; output paths are checked
 * before any work. Special files are tried in a child process (a hang there cannot stall jest).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { processIo } from '../../lib/cli/io';
import { runCli } from './support/fake-io';

const ROOT = path.join(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'lib', 'cli', 'main.ts');
const HOOK = path.join(__dirname, 'support', 'ts-register.js');

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dualstack-bad-input-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Write a file into the temporary directory and return its name there. */
function file(name: string, text: string): string {
  fs.writeFileSync(path.join(dir, name), text);
  return name;
}

/** The CLI in-process on the real file system, from the temporary directory. */
function real(argv: readonly string[]) {
  const io = processIo();
  return runCli(argv, { cwd: dir, readFile: io.readFile, writeFile: io.writeFile, ...(io.readStdin ? { readStdin: io.readStdin } : {}), ...(io.checkOutput ? { checkOutput: io.checkOutput } : {}) });
}

/** The CLI as a child process; the timeout only keeps a regression from stalling the run. */
function child(argv: readonly string[], input?: string) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=512', '-r', HOOK, MAIN, ...argv], {
    cwd: dir,
    encoding: 'utf8',
    input,
    timeout: 20000,
    killSignal: 'SIGKILL',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const SPEC = 'podCidrs: [10.244.0.0/16, fd12:3456:789a::/56]\nserviceCidrs: [10.96.0.0/12, fd12:3456:789b:1::/112]\n';

/** One error line: "error: …", no stack frame, no "internal error". */
function expectOneErrorLine(stderr: string, ...needles: string[]): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(stderr).not.toMatch(/internal error|\n\s+at /);
  for (const n of needles) expect(lines[0]).toContain(n);
}

describe('YAML loader limits: one finding with file, line and column, exit 2', () => {
  let bomb = 'a: &a [x, x, x, x, x, x, x, x, x]\n';
  for (let i = 0, prev = 'a'; i < 9; i++, prev = `b${i - 1}`) bomb += `b${i}: &b${i} [${Array(9).fill(`*${prev}`).join(', ')}]\n`;
  const deepList = `${Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i)}-`).join('\n')} x\n`;

  test.each([
    ['an alias bomb', 'bomb.yaml', bomb, 'yaml-alias-limit', /bomb\.yaml:\d+:\d+: /],
    ['an undefined alias', 'undef.yaml', `${SPEC}nodes: *nodes\n`, 'yaml-alias-undefined', /undef\.yaml:3:8: /],
    ['a block list nested 3,000 deep', 'deep.yaml', deepList, 'yaml-depth-limit', /deep\.yaml:\d+:\d+: /],
    ['a flow list nested 3,000 deep', 'flow.yaml', `${'['.repeat(3000)}${']'.repeat(3000)}\n`, 'yaml-depth-limit', /flow\.yaml:1:\d+: /],
    ['a duplicate key in JSON', 'dup.json', '{\n  "podCidrs": ["10.244.0.0/16"],\n  "serviceCidrs": ["10.96.0.0/12"],\n  "podCidrs": ["10.1.0.0/16"]\n}\n', 'yaml-duplicate-key', /dup\.json:4:3: /],
    ['a duplicate key in YAML', 'dup.yaml', `${SPEC}podCidrs: [10.1.0.0/16]\n`, 'yaml-duplicate-key', /dup\.yaml:3:1: /],
  ])('fails with exit 2 on %s', (_what, name, text, code, where) => {
    const r = real(['plan', '--config', file(name, text)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneErrorLine(r.stderr, `[${code}]`);
    expect(r.stderr).toMatch(where);
  });

  test('fails with exit 2 on an alias bomb given to validate', () => {
    const r = real(['validate', file('bomb2.yaml', bomb)]);
    expect(r.code).toBe(2);
    expectOneErrorLine(r.stderr, '[yaml-alias-limit]', 'bomb2.yaml:');
  });

  test('a nesting of 100 levels still loads (the limit is far above real documents)', () => {
    const nested = `${SPEC}x: ${'['.repeat(100)}${']'.repeat(100)}\n`;
    const r = real(['plan', '--config', file('nested.yaml', nested)]);
    expect(r.code).toBe(0);
  });
});

describe('YAML 1.1 booleans where a boolean is expected', () => {
  test.each(['yes', 'no', 'on', 'off', 'Yes', 'OFF', 'y'])('fails when controlPlane is %s, naming the field', (word) => {
    const r = real(['plan', '--config', file(`yes-${word}.yaml`, `${SPEC}nodes:\n  - name: n1\n    ipv4: 192.168.1.10/24\n    controlPlane: ${word}\n`)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`nodes[0].controlPlane: "${word}" is not true or false`);
  });

  test('fails when ipv6NatOutgoing is "on"', () => {
    const r = real(['plan', '--config', file('nat-on.yaml', `${SPEC}ipv6NatOutgoing: on\n`)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('ipv6NatOutgoing: "on" is not true or false');
  });
});

describe('input files: only regular files up to the size limit', () => {
  test('fails with exit 2 on a file larger than --max-input-bytes, in one line', () => {
    const r = real(['plan', '--config', file('big.yaml', `${SPEC}# ${'x'.repeat(2000)}\n`), '--max-input-bytes', '1000']);
    expect(r.code).toBe(2);
    expectOneErrorLine(r.stderr, 'big.yaml', 'larger than', '1000 bytes');
  });

  test('a file over 10 MiB is refused by default', () => {
    const r = real(['plan', '--config', file('huge.yaml', `${SPEC}# ${'x'.repeat(10 * 1024 * 1024)}\n`)]);
    expect(r.code).toBe(2);
    expectOneErrorLine(r.stderr, 'huge.yaml', 'larger than', '10485760 bytes');
  });

  test('fails with exit 2 on a directory', () => {
    fs.mkdirSync(path.join(dir, 'adir'), { recursive: true });
    const r = real(['plan', '--config', 'adir']);
    expect(r.code).toBe(2);
    expectOneErrorLine(r.stderr, '"adir"', 'directory');
  });

  test('fails with exit 2 on /dev/zero, without reading it', () => {
    const r = child(['plan', '--config', '/dev/zero']);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expectOneErrorLine(r.stderr, '/dev/zero', 'not a regular file');
  });

  test('fails with exit 2 on a FIFO with no writer, without blocking', () => {
    const fifo = path.join(dir, 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    const r = child(['plan', '--config', 'fifo.yaml']);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expectOneErrorLine(r.stderr, 'fifo.yaml', 'FIFO');
  });

  test('fails with exit 2 on a /proc path', () => {
    const r = child(['validate', '/proc/self/environ']);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expectOneErrorLine(r.stderr, '/proc/self/environ', '/proc');
  });

  test('reads the spec from standard input with "-"', () => {
    const r = child(['plan', '--config', '-', '--format', 'json'], SPEC);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).ok).toBe(true);
  });

  test('fails with exit 2 when standard input is larger than the limit', () => {
    const r = child(['plan', '--config', '-', '--max-input-bytes', '100'], SPEC + '#'.repeat(500));
    expect(r.code).toBe(2);
    expectOneErrorLine(r.stderr, 'standard input', 'larger than');
  });
});

describe('output paths are checked before any work', () => {
  test.each([
    ['a missing directory', 'no/such/dir/plan.svg', 'does not exist'],
    ['a directory', '.', 'is a directory'],
    ['a device', '/dev/null', '/dev'],
    ['a /proc path', '/proc/self/status', '/proc'],
  ])('plan --svg fails with exit 2 on %s, in one line, before the plan is printed', (_what, target, why) => {
    fs.writeFileSync(path.join(dir, 'spec.yaml'), SPEC);
    const r = real(['plan', '--config', 'spec.yaml', '--svg', target]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneErrorLine(r.stderr, '--svg', why);
  });

  test('plan --svg under a regular file (ENOTDIR) fails with exit 2', () => {
    fs.writeFileSync(path.join(dir, 'spec.yaml'), SPEC);
    const r = real(['plan', '--config', 'spec.yaml', '--svg', 'spec.yaml/plan.svg']);
    expect(r.code).toBe(2);
    expectOneErrorLine(r.stderr, '--svg');
  });

  test.each([
    ['a /proc path', '/proc/self/fd', '/proc'],
    ['a regular file', 'spec.yaml', 'not a directory'],
  ])('synth --out fails with exit 2 on %s before the stacks load', (_what, target, why) => {
    fs.writeFileSync(path.join(dir, 'spec.yaml'), SPEC);
    let loaded = false;
    const io = processIo();
    const r = runCli(['synth', '--out', target], {
      cwd: dir,
      ...(io.checkOutput ? { checkOutput: io.checkOutput } : {}),
      load: () => {
        loaded = true;
        return { STACKS: {} };
      },
    });
    expect(r.code).toBe(2);
    expect(loaded).toBe(false);
    expectOneErrorLine(r.stderr, '--out', why);
  });
});

describe('messages stay small', () => {
  test('8,000 same-family podCidrs: findings, no RangeError', () => {
    const list = Array.from({ length: 8000 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`);
    const r = real(['plan', '--config', file('many.json', JSON.stringify({ podCidrs: list, serviceCidrs: ['10.96.0.0/12'] })), '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
  });

  test('5,000 bad entries: output grows linearly (≤ 400 bytes per entry)', () => {
    const list = Array.from({ length: 5000 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`);
    const r = real(['plan', '--config', file('five.json', JSON.stringify({ podCidrs: list, serviceCidrs: ['10.96.0.0/12'] }))]);
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBeLessThan(5000 * 400);
    // One finding per surplus entry, each naming its entry.
    expect(r.stdout).toContain('podCidrs[4999]: ');
  });

  test('a huge kubernetesVersion is cut in the message', () => {
    const r = real(['plan', '--config', file('version.json', JSON.stringify({ kubernetesVersion: 'v'.repeat(1_000_000), podCidrs: ['10.244.0.0/16'], serviceCidrs: ['10.96.0.0/12'] }))]);
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBeLessThan(5000);
    expect(r.stdout).toContain('…(1000000 characters)');
  });
});

describe('a bug of ours', () => {
  const load = () => {
    throw new RangeError('x'.repeat(10_000));
  };

  test('is one "internal error" line without a stack (the stack only with K8S_DUALSTACK_DEBUG)', () => {
    const r = runCli(['synth'], { load });
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^internal error: x+… \(please report it; K8S_DUALSTACK_DEBUG=1 prints the stack\)\n$/);
    expect(r.stderr.length).toBeLessThan(500);
    expect(runCli(['synth'], { load, env: { K8S_DUALSTACK_DEBUG: '1' } }).stderr).toMatch(/\n\s+at /);
  });
});
