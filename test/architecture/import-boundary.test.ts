/**
 * The layers do not loop (issue 16 §2): lib/net imports nothing of ours; lib/plan imports only
 * lib/net and itself (the choice-specific rules — Calico, flannel, ingress — live in their areas);
 * no renderer imports cdk8s; lib/net and lib/plan reach no cdk8s even transitively. Read from the
 * sources with TypeScript's own import scanner, so a type-only import counts too.
 */
import { builtinModules } from 'module';
import { readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const LIB = join(ROOT, 'lib');

function tsFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
    });
}

/** Every module a file names (import, export … from, require, import()). */
function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

/** A relative specifier → the file it names (lib/x.ts or lib/x/index.ts); bare → itself. */
function target(from: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  const base = resolve(dirname(from), spec);
  for (const c of [`${base}.ts`, join(base, 'index.ts'), base]) {
    try {
      if (statSync(c).isFile()) return c;
    } catch {
      // next candidate
    }
  }
  return base;
}

const rel = (p: string) => (p.startsWith(ROOT) ? relative(ROOT, p) : p);
const NODE = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const CDK8S = /^(cdk8s|cdk8s-plus-\d+|constructs)(\/|$)/;

function violations(dir: string, allowed: (target: string) => boolean): string[] {
  return tsFiles(join(LIB, dir)).flatMap((f) => importsOf(f).map((s) => [f, s, target(f, s)] as const).filter(([, , t]) => !allowed(t)).map(([f, s]) => `${rel(f)} imports ${s}`));
}

const inside = (...dirs: string[]) => (t: string) => dirs.some((d) => t.startsWith(join(LIB, d) + '/'));

test('lib/net imports nothing of ours and no package (node built-ins only)', () => {
  expect(violations('net', (t) => inside('net')(t) || NODE.has(t))).toEqual([]);
});

test('lib/plan imports only lib/net and itself (and node built-ins)', () => {
  expect(violations('plan', (t) => inside('net', 'plan')(t) || NODE.has(t))).toEqual([]);
});

test('no renderer (lib/**/render*.ts) imports cdk8s or constructs', () => {
  const bad = tsFiles(LIB)
    .filter((f) => /^render[^/]*\.ts$/.test(f.split('/').pop()!) && f !== join(LIB, 'render.ts'))
    .flatMap((f) => importsOf(f).filter((s) => CDK8S.test(s)).map((s) => `${rel(f)} imports ${s}`));
  expect(bad).toEqual([]);
});

test('lib/net and lib/plan reach no cdk8s, even transitively', () => {
  const seen = new Set<string>();
  const reach: string[] = [];
  const walk = (f: string, via: string[]) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const s of importsOf(f)) {
      const t = target(f, s);
      if (CDK8S.test(t)) reach.push([...via, rel(f), s].join(' → '));
      else if (t.startsWith(LIB)) walk(t, [...via, rel(f)]);
    }
  };
  for (const f of [...tsFiles(join(LIB, 'net')), ...tsFiles(join(LIB, 'plan'))]) walk(f, []);
  expect(reach).toEqual([]);
});

test('fails when a layer is crossed (the check can fail)', () => {
  // lib/cluster.ts is the composition root: it imports cdk8s and every area.
  expect(importsOf(join(LIB, 'cluster.ts')).some((s) => CDK8S.test(s))).toBe(true);
  expect(violations('cni', (t) => inside('cni')(t))).not.toEqual([]);
});
