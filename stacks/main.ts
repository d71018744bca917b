/**
 * The cdk8s app (`cdk8s synth`, `npm run synth`): every ready stack into `<outdir>/<stack>/` — the
 * whole tree, not only the charts: each stack is a `DualStackApp` (stacks/registry.ts), whose
 * synth() also writes the node scripts (0000-node/), the kubeadm files (0001-kubeadm/) and
 * apply.sh, so `cdk8s synth`, `npm run synth` and `k8s-dualstack synth` write the same tree.
 * `cdk8s synth` passes the output directory in CDK8S_OUTDIR.
 */
import { join } from 'path';
import { STACKS } from './registry';

const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
for (const [name, synth] of Object.entries(STACKS)) synth(join(outdir, name));
