#!/usr/bin/env node
// Runs a TypeScript maintainer script without ts-node/tsx (neither is a dependency): registers a
// `.ts` require hook that transpiles each file on its own with the project's TypeScript
// (`transpileModule`, no type check — `tsc -p scripts/tsconfig.json --noEmit` checks types; the
// project's isolatedModules setting guarantees file-by-file transpiling is sound).
// Usage: node scripts/run-ts.js scripts/<script>.ts [args…]
'use strict';
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

require.extensions['.ts'] = function registerTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const out = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      resolveJsonModule: true,
      sourceMap: false,
    },
  });
  module._compile(out.outputText, filename);
};

const [script, ...rest] = process.argv.slice(2);
if (!script) {
  process.stderr.write('usage: node scripts/run-ts.js <script.ts> [args…]\n');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(script), ...rest];
require(path.resolve(script));
