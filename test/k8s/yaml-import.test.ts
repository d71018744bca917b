/**
 * `yaml` is not a dependency of the package (one copy: the one cdk8s bundles, lib/k8s/yaml.ts), so
 * no shipped module may load it by name: a consumer would get MODULE_NOT_FOUND. Type-only imports
 * are erased and fine.
 */
import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';

const LIB = join(__dirname, '..', '..', 'lib');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

test('fails when a shipped module imports yaml by name instead of lib/k8s/yaml', () => {
  const offenders = sources(LIB)
    .filter((f) => {
      const text = readFileSync(f, 'utf8');
      return /^\s*import\s+(?!type\b)[^;]*from\s+['"]yaml['"]/m.test(text) || /require\(\s*['"]yaml['"]\s*\)/.test(text) || /^\s*export\s+[^;]*from\s+['"]yaml['"]/m.test(text);
    })
    .map((f) => relative(LIB, f));
  expect(offenders).toEqual([]);
});
