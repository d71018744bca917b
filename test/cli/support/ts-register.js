// A minimal TypeScript require hook for the child-process tests: ts-node is not installed, and
// compiling the package first would make the tests depend on a build. Each .ts file under the
// project is transpiled on load (types are checked by `npm run typecheck`, not here).
const fs = require('fs');
const ts = require('typescript');

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const out = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(out.outputText, filename);
};
