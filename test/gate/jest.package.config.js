// The platform team's view of the package (test/gate/package.e2e.ts): build, `npm pack`, offline
// install of the tarball and of dependencies it packs itself into fresh projects, synth, type-check
// on older peer minors. ~30–60 s (two tsc builds and two consumer type-checks), so it has its own
// config and script (`npm run test:package`), which `npm test` runs after the main suite.
const base = require('../../jest.config.js');

module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/test/gate'],
  testMatch: ['**/package.e2e.ts'],
  setupFiles: ['<rootDir>/test/setup.ts'],
  testTimeout: 180000,
};
