/**
 * The cdk8s app (`cdk8s synth`, `npm run synth`): every ready stack into `<outdir>/<stack>/`.
 * `cdk8s synth` passes the output directory in CDK8S_OUTDIR.
 */
import { join } from 'path';
import { STACKS } from './registry';

const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
for (const [name, synth] of Object.entries(STACKS)) synth(join(outdir, name));
