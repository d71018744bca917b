/** Discovers the component modules in scripts/upstream/components/ (no central list to edit). */
import { readdirSync } from 'fs';
import { join } from 'path';
import type { UpstreamComponent } from './thirdparty-types';

export function loadComponents(): UpstreamComponent[] {
  const dir = join(__dirname, '..', 'components');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort()
    .map((f) => {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const mod = require(join(dir, f));
      const c: UpstreamComponent = mod.default ?? mod.component ?? mod;
      if (typeof c?.name !== 'string' || typeof c.derive !== 'function' || typeof c.check !== 'function') throw new Error(`${f}: not a component module ({ name, derive, check })`);
      return c;
    });
}
