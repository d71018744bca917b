#!/usr/bin/env node
/**
 * `k8s-dualstack` — the command (package.json `bin`). Loads only lib/net, lib/plan and lib/cli
 * (plus `yaml` for YAML input): no cdk8s, so `plan` starts fast; `synth` loads the stacks lazily.
 */
import { processIo } from './io';
import { run } from './run';

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2), processIo());
}
