#!/usr/bin/env node
/**
 * `k8s-dualstack` — the command (package.json `bin`). Loads only lib/net, lib/plan and lib/cli
 * (plus `yaml` for YAML input): no cdk8s, so `plan` starts fast; run.ts loads only the module of
 * the command that runs (`plan` never loads the linter), and `synth` loads the stacks lazily.
 */
import * as nodeModule from 'module';
import { processIo } from './io';
import { run } from './run';

// Node ≥ 22.1 keeps V8's compiled code of these modules between runs (on disk, in the OS temp
// directory), so start-up skips most compilation; on Node 20 the function does not exist.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2), processIo());
}
