// The platform team's view of the package (test/gate/package.e2e.ts): build, `npm pack`, offline
// install into a fresh project, synth. Slow (~30 s, mostly npm extracting @pulumi/*), so it runs
// on its own: `npx jest -c test/gate/jest.package.config.js` (wire as `npm run test:package`).
const base = require('../../jest.config.js');

module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/test/gate'],
  testMatch: ['**/package.e2e.ts'],
  setupFiles: ['<rootDir>/test/setup.ts'],
  testTimeout: 180000,
};
