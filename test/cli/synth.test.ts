import * as path from 'path';
import { FIXTURES, runCli } from './support/fake-io';

describe('synth', () => {
  const calls: string[] = [];
  const load = () => ({
    STACKS: {
      'dual-stack-calico': (out: string) => calls.push(out),
      broken: () => {
        throw new Error('the cluster network has 1 error');
      },
    },
  });

  beforeEach(() => (calls.length = 0));

  test('synthesizes the named stack into OUT/<stack>', () => {
    const r = runCli(['synth', 'dual-stack-calico', '--out', 'build'], { load });
    expect(r.code).toBe(0);
    expect(calls).toEqual([path.join(FIXTURES, 'build', 'dual-stack-calico')]);
    expect(r.stdout).toBe(`synthesized dual-stack-calico → ${path.join('build', 'dual-stack-calico')}\n`);
  });

  test('--list prints the stacks in order', () => {
    expect(runCli(['synth', '--list'], { load }).stdout).toBe('broken\ndual-stack-calico\n');
  });

  test('fails with exit 1 when a stack throws, after trying all of them', () => {
    const r = runCli(['synth'], { load });
    expect(r.code).toBe(1);
    expect(calls).toEqual([path.join(FIXTURES, 'dist', 'dual-stack-calico')]);
    expect(r.stderr).toContain('failed broken: the cluster network has 1 error');
  });

  test('fails with exit 2 on an unknown stack, listing the known ones', () => {
    const r = runCli(['synth', 'nope'], { load });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the stacks are: broken, dual-stack-calico');
  });

  test('fails with exit 2 and a clear message when the stacks are not built', () => {
    const r = runCli(['synth'], {
      load: () => {
        throw Object.assign(new Error("Cannot find module '/x/dist-lib/stacks/registry'"), { code: 'MODULE_NOT_FOUND' });
      },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no ready stacks: .*registry\(\.js\) is missing — build the package first/);
  });

  test('fails with exit 2 when the registry does not export STACKS', () => {
    expect(runCli(['synth'], { load: () => ({}) }).stderr).toContain('does not export STACKS');
  });
});
