#!/usr/bin/env node
/**
 * The fast build for `npm run synth` / `bench` / `api`: transpile each changed .ts file on its own
 * (`ts.transpileModule`, the same compiler and options as `tsc`; the code is written for
 * `isolatedModules`, so a file compiles without the others) and copy the JSON data files, into
 * dist-lib/ exactly where `tsc -p tsconfig.build.json` puts them. No type-checking and no .d.ts:
 * `npm test` type-checks (`npm run typecheck`) and `npm run build` (tsc) is the release build.
 *
 * A file is transpiled again only when its size or mtime changed (or the compiler or options did):
 * the cache is dist-lib/.fast-build.json. TypeScript (~0.3 s to load) is loaded only when a file
 * changed, so a synth with nothing changed pays only for the directory walk. Outputs whose source
 * is gone are deleted, so a stale module is never loaded.
 *
 *   node scripts/build-fast.js [--quiet]
 */
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'dist-lib');
const DIRS = ['lib', 'stacks', 'bench', 'scripts'];
const CACHE = path.join(OUT, '.fast-build.json');

function walk(dir, into) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return into;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '__snapshots__') walk(p, into);
    } else if ((e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) || e.name.endsWith('.json')) {
      into.push(p);
    }
  }
  return into;
}

function outputOf(src) {
  const rel = path.relative(ROOT, src);
  return path.join(OUT, rel.endsWith('.ts') ? rel.replace(/\.ts$/, '.js') : rel);
}

function readCache(key) {
  try {
    const c = JSON.parse(fs.readFileSync(CACHE, 'utf8'));
    return c.key === key ? c.files : {};
  } catch {
    return {};
  }
}

/** Transpile what changed; returns false when a file failed to transpile. */
function build({ quiet = false } = {}) {
  let ok = true;
  const tsconfig = fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8');
  const tsPkg = fs.readFileSync(path.join(ROOT, 'node_modules', 'typescript', 'package.json'), 'utf8');
  const key = `${JSON.parse(tsPkg).version}\u0000${tsconfig}`;
  const old = readCache(key);
  const sources = DIRS.flatMap((d) => walk(path.join(ROOT, d), []));
  const files = {};
  const changed = [];
  for (const src of sources) {
    const st = fs.statSync(src);
    const rel = path.relative(ROOT, src);
    const stamp = `${st.size}:${st.mtimeMs}`;
    files[rel] = stamp;
    if (old[rel] !== stamp || !fs.existsSync(outputOf(src))) changed.push(src);
  }
  for (const rel of Object.keys(old)) {
    if (!(rel in files)) fs.rmSync(outputOf(path.join(ROOT, rel)), { force: true });
  }
  if (changed.length > 0) {
    const ts = require('typescript');
    const parsed = ts.parseJsonConfigFileContent(ts.parseConfigFileTextToJson('tsconfig.json', tsconfig).config, ts.sys, ROOT);
    const options = { ...parsed.options, declaration: false, noEmit: false, sourceMap: false };
    for (const src of changed) {
      const out = outputOf(src);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      if (src.endsWith('.json')) {
        fs.copyFileSync(src, out);
        continue;
      }
      const r = ts.transpileModule(fs.readFileSync(src, 'utf8'), { compilerOptions: options, fileName: src, reportDiagnostics: true });
      const errors = (r.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
      if (errors.length > 0) {
        process.stderr.write(ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' }));
        ok = false;
        delete files[path.relative(ROOT, src)];
        continue;
      }
      fs.writeFileSync(out, r.outputText);
    }
  }
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(CACHE, JSON.stringify({ key, files }));
  if (!quiet) process.stdout.write(`build-fast: ${changed.length} of ${sources.length} files transpiled\n`);
  return ok;
}

module.exports = { build };
if (require.main === module && !build({ quiet: process.argv.includes('--quiet') })) process.exitCode = 1;
