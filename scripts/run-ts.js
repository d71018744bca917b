// Runs a TypeScript script without ts-node: each .ts file is transpiled on require (isolatedModules
// code transpiles file by file). Usage: node scripts/run-ts.js <script.ts> [args...]
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const out = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true },
  });
  module._compile(out.outputText, filename);
};

if (require.main === module) {
  const script = process.argv[2];
  if (!script) {
    console.error('usage: node scripts/run-ts.js <script.ts> [args...]');
    process.exit(2);
  }
  process.argv.splice(1, 2, path.resolve(script));
  require(path.resolve(script));
}
