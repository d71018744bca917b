/** `main` of Pulumi.yaml (compiled to dist-lib/stacks/pulumi/index.js by `npm run build`). */
import { stackConfig } from '../../lib/pulumi';
import { program } from './program';

const deployed = program(stackConfig());

/** The files that are not Kubernetes objects (node scripts, kubeadm files, apply.sh), by path. */
export const files = Object.fromEntries(deployed.files.map((f) => [f.path, f.content]));
/** The `kubeadm init --config` file, which is not a Kubernetes object. */
export const kubeadmConfig = deployed.files.find((f) => f.path.endsWith('/init.kubeadm.conf'))?.content ?? '';
export const families = deployed.network.families;
