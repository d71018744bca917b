// The upstream suite: tests that read the released third-party artifacts in ../shared/upstream
// (or $K8S_DUALSTACK_UPSTREAM) and run real binaries from devDependencies. Not part of `npm test`:
// run it with `npm run test:upstream`. Each file skips itself with one printed line when the
// artifacts are absent (a plain clone).
const base = require('../../jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/test/upstream'],
  testMatch: ['**/*.upstream.ts'],
  setupFiles: ['<rootDir>/test/setup.ts'],
  testTimeout: 180000,
};
