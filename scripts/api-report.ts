/**
 * The API report (api/k8s-dualstack.api.md): every name each public entry point (package.json
 * `exports`) exports, with its kind and its declared shape, read from the source with the
 * TypeScript compiler API (api-extractor is not a dependency: this needs nothing beyond
 * `typescript`). `npm run api` rewrites the report; test/api/api-report.test.ts fails when the
 * surface and the checked-in report differ.
 */
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join, relative } from 'path';
import * as ts from 'typescript';

// scripts/ in the repository, dist-lib/scripts/ when compiled
const ROOT = [join(__dirname, '..'), join(__dirname, '..', '..')].find((d) => existsSync(join(d, 'tsconfig.json'))) ?? process.cwd();

/** package.json `exports` subpath → its source file (dist-lib/lib/x.js → lib/x.ts). */
export function entryPoints(root = ROOT): Array<{ subpath: string; source: string }> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, string | { default: string }> };
  return Object.entries(pkg.exports)
    .filter(([, t]) => typeof t !== 'string' && t.default.endsWith('.js'))
    .map(([subpath, t]) => ({ subpath, source: join(root, (t as { default: string }).default.replace(/^\.\/dist-lib\//, '').replace(/\.js$/, '.ts')) }));
}

function kindOf(s: ts.Symbol): string {
  const f = s.flags;
  if (f & ts.SymbolFlags.Class) return 'class';
  if (f & ts.SymbolFlags.Enum) return 'enum';
  if (f & ts.SymbolFlags.Interface) return 'interface';
  if (f & ts.SymbolFlags.TypeAlias) return 'type';
  if (f & ts.SymbolFlags.Function) return 'function';
  if (f & ts.SymbolFlags.Namespace || f & ts.SymbolFlags.ValueModule) return 'namespace';
  if (f & ts.SymbolFlags.Variable) return 'const';
  return 'other';
}

const FORMAT = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseFullyQualifiedType | ts.TypeFormatFlags.WriteArrowStyleSignature;

function isPublic(m: ts.Symbol): boolean {
  const d = m.valueDeclaration ?? m.declarations?.[0];
  if (!d) return true;
  const flags = ts.getCombinedModifierFlags(d as ts.Declaration);
  // Members inherited from cdk8s / constructs are theirs, not ours (and change with their version).
  const ours = !d.getSourceFile().fileName.includes('/node_modules/');
  return ours && !(flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) && !m.name.startsWith('#') && !m.name.startsWith('__');
}

function clean(text: string): string {
  // Fully qualified names carry the absolute import path of the file: keep the repository-relative one.
  return text.replace(/import\("([^"]+)"\)/g, (_m, p: string) => `import("${relative(ROOT, p).split('\\').join('/')}")`);
}

function describe(checker: ts.TypeChecker, s: ts.Symbol): string[] {
  const kind = kindOf(s);
  const decl = s.declarations?.[0];
  const lines: string[] = [];
  const member = (m: ts.Symbol, at: ts.Node): string => {
    const t = checker.getTypeOfSymbolAtLocation(m, at);
    const opt = m.flags & ts.SymbolFlags.Optional ? '?' : '';
    const ro = m.valueDeclaration && ts.getCombinedModifierFlags(m.valueDeclaration as ts.Declaration) & ts.ModifierFlags.Readonly ? 'readonly ' : '';
    return `${ro}${m.name}${opt}: ${clean(checker.typeToString(t, at, FORMAT))}`;
  };
  if (!decl) return lines;
  if (kind === 'enum') {
    for (const m of checker.getExportsOfModule(s)) lines.push(`${m.name} = ${JSON.stringify(checker.getConstantValue(m.valueDeclaration as ts.EnumMember))}`);
  } else if (kind === 'interface') {
    const t = checker.getDeclaredTypeOfSymbol(s);
    for (const m of checker.getPropertiesOfType(t)) if (isPublic(m)) lines.push(member(m, decl));
  } else if (kind === 'class') {
    const statics = checker.getTypeOfSymbolAtLocation(s, decl);
    for (const sig of statics.getConstructSignatures()) lines.push(`constructor${clean(checker.signatureToString(sig, decl, FORMAT))}`);
    for (const m of checker.getPropertiesOfType(statics)) if (m.name !== 'prototype' && isPublic(m)) lines.push(`static ${member(m, decl)}`);
    for (const m of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(s))) if (isPublic(m)) lines.push(member(m, decl));
  } else if (kind === 'type') {
    lines.push(clean(checker.typeToString(checker.getDeclaredTypeOfSymbol(s), decl, FORMAT)));
  } else if (kind === 'function' || kind === 'const') {
    lines.push(clean(checker.typeToString(checker.getTypeOfSymbolAtLocation(s, decl), decl, FORMAT)));
  } else if (kind === 'namespace') {
    for (const m of checker.getExportsOfModule(s)) lines.push(`${m.name}: ${kindOf(checker.getAliasedSymbol(m) ?? m)}`);
  }
  return lines.sort();
}

/** The report text for the package's entry points. */
export function apiReport(root = ROOT): string {
  const entries = entryPoints(root);
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile).config;
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const program = ts.createProgram(entries.map((e) => e.source), { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const out = ['# API report: k8s-dualstack', '', 'Generated by `npm run api` (scripts/api-report.ts) from the entry points in package.json `exports`.', 'test/api/api-report.test.ts fails when the public surface differs from this file: review the diff, then run `npm run api`.', ''];
  for (const e of entries) {
    const sf = program.getSourceFile(e.source);
    const mod = sf && checker.getSymbolAtLocation(sf);
    if (!mod) throw new Error(`no module for ${e.source}`);
    const exports = checker.getExportsOfModule(mod).map((x) => (x.flags & ts.SymbolFlags.Alias ? { name: x.name, target: checker.getAliasedSymbol(x) } : { name: x.name, target: x }));
    exports.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    out.push(`## \`k8s-dualstack${e.subpath === '.' ? '' : e.subpath.slice(1)}\` (${relative(root, e.source)}): ${exports.length} names`, '');
    for (const x of exports) {
      out.push(`### ${kindOf(x.target)} ${x.name}`);
      const body = describe(checker, x.target);
      if (body.length > 0) out.push('```ts', ...body, '```');
      out.push('');
    }
  }
  return out.join('\n');
}

if (require.main === module) {
  const file = join(ROOT, 'api', 'k8s-dualstack.api.md');
  writeFileSync(file, apiReport());
  console.log(`wrote ${relative(process.cwd(), file)}`);
}
