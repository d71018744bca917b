/** `main` of Pulumi.yaml (compiled to dist-lib/stacks/pulumi/index.js by `npm run build`). */
import * as pulumi from '@pulumi/pulumi';
import { program } from './program';

const deployed = program(new pulumi.Config());

/** The kubeadm configuration (`kubeadm init --config`), which is not a Kubernetes object. */
export const kubeadmConfig = deployed.manifests.documentsYaml;
export const families = deployed.network.families;
