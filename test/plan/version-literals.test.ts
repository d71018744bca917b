/**
 * Every Kubernetes version fact lives in lib/plan/timeline. This test reads every string and
 * template literal of lib/ (comments are not code) and fails on a Kubernetes version (`'1.NN'`,
 * `"1.NN"`, `v1.NN`, also inside a message) outside the timeline, except the allow-listed values
 * that are not Kubernetes versions.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const LIB = join(ROOT, 'lib');
const TIMELINE = 'lib/plan/timeline/';

/** A Kubernetes-version-shaped token: 1.NN (optionally v-prefixed, with a patch), not part of a longer number. */
const VERSION = /(?<![\w.])v?1\.\d{2}(?:\.\d+)?(?![\d])/g;

/** Tokens that look like a Kubernetes version but are not one, per file, with the reason. */
const ALLOWED: readonly { file: RegExp; token: RegExp; reason: string }[] = [
  { file: /^lib\/ingress\//, token: /^v1\.15\.1$/, reason: 'ingress-nginx controller release tag (controller-v1.15.1), not a Kubernetes version' },
  { file: /^lib\/cni\//, token: /^v1\.4\d\.\d+$/, reason: 'tigera-operator release tags (v1.40.x, v1.42.x), paired with Calico releases' },
  { file: /^lib\/(ingress\/versions|verify\/rules)\.ts$/, token: /^1\.(28|29)\.\d+$/, reason: 'nginx-unprivileged image tags (nginx 1.28.x / 1.29.x)' },
  { file: /^lib\/host\/images\.ts$/, token: /^1\.37\.\d+$/, reason: 'busybox image tag (busybox 1.37.x)' },
  { file: /^lib\/cli\/(spec-file|documents)\.ts$/, token: /^1\.30$/, reason: 'an example of YAML reading 1.30 as the number 1.3, not a version fact' },
  { file: /^lib\/cni\/cilium\//, token: /^(v?1\.19(\.\d+)?|\.\.\/\.\.\/upstream\/cilium\/1\.19\.\d+\/key-tree\.json)$/, reason: 'Cilium release versions (chart 1.19.x), not Kubernetes versions' },
  { file: /^lib\/verify\/check-script\.ts$/, token: /^1\.(16|19|20)$/, reason: "comments inside the smoke test's shipped JavaScript text; the renderer picks the API by the timeline" },
];

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) return files(p);
      return p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
    });
}

/** The text of every string / template literal of a source file. */
export function literalsOf(source: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, /* skipTrivia */ true, ts.LanguageVariant.Standard, source);
  const out: string[] = [];
  let braces = 0;
  const templateDepth: number[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.OpenBraceToken) braces++;
    if (kind === ts.SyntaxKind.CloseBraceToken) {
      if (templateDepth.length && templateDepth[templateDepth.length - 1] === braces) {
        kind = scanner.reScanTemplateToken(false);
        if (kind === ts.SyntaxKind.TemplateTail) templateDepth.pop();
        out.push(scanner.getTokenValue());
        continue;
      }
      braces--;
    }
    if (kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) {
      kind = scanner.reScanSlashToken();
      if (kind === ts.SyntaxKind.RegularExpressionLiteral) continue;
    }
    if (kind === ts.SyntaxKind.StringLiteral || kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral) out.push(scanner.getTokenValue());
    if (kind === ts.SyntaxKind.TemplateHead) {
      out.push(scanner.getTokenValue());
      templateDepth.push(braces);
    }
  }
  return out;
}

function offenders(file: string, source: string): string[] {
  const rel = relative(ROOT, file).split('\\').join('/');
  if (rel.startsWith(TIMELINE)) return [];
  const found: string[] = [];
  for (const text of literalsOf(source)) {
    for (const m of text.matchAll(VERSION)) {
      const token = m[0];
      if (ALLOWED.some((a) => a.file.test(rel) && a.token.test(token))) continue;
      found.push(`${rel}: ${JSON.stringify(token)} in ${JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text)}`);
    }
  }
  return found;
}

describe('Kubernetes version literals', () => {
  test('no Kubernetes version literal in lib/ outside lib/plan/timeline', () => {
    const found = files(LIB).flatMap((f) => offenders(f, readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });

  test.each([
    ["const x = '1.33';", ['1.33']],
    ['const x = "v1.21";', ['v1.21']],
    ['const m = `target Kubernetes ≥ 1.21 or ${a} v1.25.3`;', ['1.21']],
    ['const m = `a ${b} then 1.31 ${c} end v1.20`;', ['1.31', 'v1.20']],
  ])('fails when a literal holds a version: %s', (source, tokens) => {
    const hits = literalsOf(source).flatMap((t) => [...t.matchAll(VERSION)].map((m) => m[0]));
    expect(hits).toEqual(expect.arrayContaining(tokens));
    expect(offenders(join(LIB, 'x.ts'), source).length).toBeGreaterThan(0);
  });

  test.each([
    ['// comment about 1.33 and v1.21', []],
    ["const image = 'calico/node:v3.32.1'; const kic = '3.5.13'; const n = 2.11;", []],
    ['const re = /^v?1\\.(\\d+)/;', []],
  ])('accepts what is not a version literal: %s', (source, tokens) => {
    expect(literalsOf(source).flatMap((t) => [...t.matchAll(VERSION)].map((m) => m[0]))).toEqual(tokens);
  });

  test('accepts literals inside the timeline', () => {
    expect(offenders(join(LIB, 'plan', 'timeline', 'x.ts'), "const x = '1.33';")).toEqual([]);
  });
});
