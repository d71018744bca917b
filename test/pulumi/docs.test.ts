/**
 * The TypeScript code blocks of docs/pulumi.md (and of the README) compile against this package's
 * sources: each block is type-checked as a module with the TypeScript compiler API, the package
 * names (`k8s-dualstack`, `k8s-dualstack/pulumi`) resolved to lib/ as package.json's exports map
 * them after the build.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..');

/** The ```ts blocks of a Markdown file, with the line each starts on. */
export function tsBlocks(markdown: string): { line: number; code: string }[] {
  const out: { line: number; code: string }[] = [];
  const re = /^```(?:ts|typescript)\n([\s\S]*?)^```/gm;
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) out.push({ line: markdown.slice(0, m.index).split('\n').length + 1, code: m[1] });
  return out;
}

function diagnostics(files: Record<string, string>): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
    baseUrl: ROOT,
    paths: { 'k8s-dualstack': ['lib/index.ts'], 'k8s-dualstack/pulumi': ['lib/pulumi/index.ts'] },
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  host.readFile = (f) => files[f] ?? read(f);
  host.fileExists = (f) => f in files || exists(f);
  const getSource = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, onError, create) => (f in files ? ts.createSourceFile(f, files[f], lang) : getSource(f, lang, onError, create));
  const program = ts.createProgram(Object.keys(files), options, host);
  const own = new Set(Object.keys(files));
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && own.has(d.file.fileName))
    .map((d) => `${d.file!.fileName}:${d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

const DOCS = ['docs/pulumi.md', 'README.md'];
const blocks = DOCS.flatMap((doc) => tsBlocks(readFileSync(join(ROOT, doc), 'utf8')).map((b) => ({ doc, ...b })));

test('the documents have TypeScript blocks to check', () => {
  expect(blocks.filter((b) => b.doc === 'docs/pulumi.md').length).toBeGreaterThan(0);
});

test('every TypeScript block of docs/pulumi.md and the README compiles', () => {
  // One program for all blocks (one type-check of lib/); each block is a module of its own.
  const files = Object.fromEntries(blocks.map((b) => [join(ROOT, '.doc-blocks', `${b.doc.replace(/\W/g, '_')}_${b.line}.ts`), `${b.code}\nexport {};\n`]));
  expect(diagnostics(files)).toEqual([]);
}, 120_000);

test('fails when a block does not compile (the check can fail)', () => {
  const bad = { [join(ROOT, '.doc-blocks', 'bad.ts')]: "import { deployCluster } from 'k8s-dualstack';\nexport const x: number = deployCluster;\n" };
  expect(diagnostics(bad).join('\n')).toMatch(/deployCluster/);
}, 120_000);
