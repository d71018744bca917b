#!/usr/bin/env node
/**
 * Runs a TypeScript maintainer script without ts-node/tsx: `node scripts/run-ts.js <file.ts> [args…]`.
 * Each .ts file is transpiled on require with typescript's transpileModule (the project compiles
 * with isolatedModules, so file-by-file transpilation is exact); types are checked by tsc, not here.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true },
  });
  module._compile(out.outputText, filename);
};

const [script, ...rest] = process.argv.slice(2);
if (!script) {
  process.stderr.write('usage: node scripts/run-ts.js <script.ts> [args…]\n');
  process.exit(2);
}
const file = path.resolve(script);
process.argv = [process.argv[0], file, ...rest];
require(file);
