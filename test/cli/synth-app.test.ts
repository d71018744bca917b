/** `k8s-dualstack synth --app FILE`: the user's own registry instead of the ready stacks. */
import * as path from 'path';
import { REGISTRY_MODULE } from '../../lib/cli/commands/synth';
import { FIXTURES, runCli } from './support/fake-io';

describe('synth --app', () => {
  test('loads the given module, resolved from the working directory, instead of the ready stacks', () => {
    const loaded: string[] = [];
    const calls: string[] = [];
    const load = (p: string) => {
      loaded.push(p);
      return { STACKS: { mine: (out: string) => calls.push(out) } };
    };
    const r = runCli(['synth', '--app', 'apps/registry.js', '--out', 'o'], { load });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(loaded).toEqual([path.join(FIXTURES, 'apps', 'registry.js')]);
    expect(loaded).not.toContain(REGISTRY_MODULE);
    expect(calls).toEqual([path.join(FIXTURES, 'o', 'mine')]);
  });

  test('fails with exit 2 naming the file when the module does not exist', () => {
    const r = runCli(['synth', '--app', 'no-such-app.js']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot load --app "no-such-app.js": no such module');
  });

  test('fails with exit 2 when the module does not export STACKS', () => {
    const r = runCli(['synth', '--app', 'x.js'], { load: () => ({ stacks: {} }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"x.js" does not export STACKS: Record<string, (outdir: string) => void>');
  });
});
