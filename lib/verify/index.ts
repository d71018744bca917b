// The dual-stack smoke test: public API of lib/verify.
export { SMOKE_TEST_SCRIPT, SMOKE_TEST_SCRIPT_KEY } from './check-script';
export { SMOKE_TEST_IMAGES } from './images';
export type { DualStackSmokeTestProps, SmokeTestOptions } from './options';
export { SmokeTestTarget } from './target';
export type { ExistingServiceOptions, TestWorkloadOptions } from './target';
export { renderSmokeTest, renderSmokeTestObjects } from './render';
export type { SmokeTestKubeObject, SmokeTestObjects } from './render';
export { smokeTestFindings } from './rules';
export { DualStackSmokeTest } from './smoke-test';
