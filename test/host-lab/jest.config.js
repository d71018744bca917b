// The host lab (issue 18): the node script, nginx and the smoke-test script run for real, in
// network namespaces of this machine (root, Linux). Its own config and script
// (`npm run test:host`): the files end in .host.ts, so the default `jest` run never picks them up.
const base = require('../../jest.config.js');

module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/test/host-lab'],
  testMatch: ['**/*.host.ts'],
  // One file at a time: the suites create namespaces and start servers; serial keeps them light.
  maxWorkers: 1,
  testTimeout: 30000,
};
