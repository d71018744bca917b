/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Pulumi's runtime keeps process-wide state between test files; jest's global clean-up only warns about it.
  testEnvironmentOptions: { globalsCleanup: 'off' },
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // ts before js: a stale emitted .js beside a .ts must never be the one loaded.
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    // Types are checked once by `npm run typecheck`; isolatedModules (tsconfig) halves ts-jest time.
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  // Snapshots are committed; with CI=true jest refuses to write a missing one (--ci).
  ci: process.env.CI === 'true' || process.env.CI === '1',
  setupFiles: ['<rootDir>/test/setup.ts'],
  testTimeout: 60000,
};
