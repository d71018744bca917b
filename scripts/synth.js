#!/usr/bin/env node
/**
 * `npm run synth`: the fast build (scripts/build-fast.js: transpile what changed, no type-check),
 * then the cdk8s app in this same process, exactly as `cdk8s synth` runs it: the output directory
 * removed first, `CDK8S_OUTDIR` set, `CDK8S_RECORD_CONSTRUCT_METADATA=false` (cdk8s-cli
 * `lib/cli/cmds/synth.js` and `lib/util.js` synthApp). The files are byte-identical to
 * `npx cdk8s synth --no-check-upgrade` (bench/synth-e2e.bench.ts compares them on every bench run);
 * what is saved is cdk8s-cli's own start-up (~1 s) and one Node process.
 *
 *   node scripts/synth.js [--out DIR]   (default: cdk8s.yaml's `output`, dist)
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { build } = require('./build-fast');

const ROOT = path.join(__dirname, '..');
const i = process.argv.indexOf('--out');
const outdir = i > 0 ? process.argv[i + 1] : 'dist';
if (!build({ quiet: true })) {
  process.exitCode = 1;
} else {
  fs.rmSync(path.resolve(outdir), { recursive: true, force: true });
  process.env.CDK8S_OUTDIR = outdir;
  process.env.CDK8S_RECORD_CONSTRUCT_METADATA ??= 'false';
  require(path.join(ROOT, 'dist-lib', 'stacks', 'main.js'));
  const stacks = fs.readdirSync(path.resolve(outdir)).sort();
  process.stdout.write(`synthesized ${stacks.length} stacks into ${outdir}/: ${stacks.join(', ')}\n`);
}
