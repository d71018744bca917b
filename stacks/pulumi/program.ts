import * as pulumi from '@pulumi/pulumi';
import { ClusterNetworkSpec, DualStackCluster } from '../../lib';
import type * as k8s from '@pulumi/kubernetes';
import { ciliumChart, ConfigSource, deployCluster, DeployedCluster } from '../../lib/pulumi';
import { STACK_PROPS } from '../registry';

/** The ready stack a Pulumi stack deploys unless its config names another (`k8s-dualstack:stack`). */
export const DEFAULT_STACK = 'calico-operator-ipvs';

/**
 * The Pulumi program: the same ready stacks as `cdk8s synth`, one Pulumi resource per object.
 * Stack config: `stack` picks the ready stack; network keys (`podCidrs`, `serviceCidrs`,
 * `kubernetesVersion`, … — see docs/pulumi.md) replace its network, and are validated by the plan
 * before any resource is registered; `patchExistingKubeProxy: true` also patches a running
 * cluster's kube-proxy (field report §4.4, §6).
 */
export function program(config: ConfigSource & { getBoolean?(key: string): boolean | undefined }): DeployedCluster & { cilium?: k8s.helm.v4.Chart } {
  const name = config.get('stack') ?? DEFAULT_STACK;
  const ready = STACK_PROPS[name];
  if (!ready) {
    throw new pulumi.RunError(`k8s-dualstack:stack: ${JSON.stringify(name)} is not a ready stack (choose one of ${Object.keys(STACK_PROPS).join(', ')})`);
  }
  const props = ready();
  const ownNetwork = config.get('podCidrs') !== undefined || config.get('serviceCidrs') !== undefined;
  const deployed = deployCluster('k8s-dualstack', {
    ...(ownNetwork ? { config } : { spec: props.network as ClusterNetworkSpec }),
    build: (app, network) => {
      new DualStackCluster(app, 'cluster', { ...props, network });
    },
    kubeProxyPatch: config.get('patchExistingKubeProxy') === 'true' ? (props.kubeProxy ?? true) : false,
  });
  // Cilium is a Helm chart: cdk8s writes its values, Pulumi installs the chart with the same values.
  const cilium = props.cni?.ciliumOptions;
  if (!cilium) return deployed;
  return {
    ...deployed,
    cilium: ciliumChart('k8s-dualstack-cilium', {
      network: deployed.network,
      cilium,
      context: { controlPlaneEndpoint: props.kubeadm?.controlPlaneEndpoint, kubeProxyInstalled: !props.cni!.replacesKubeProxy },
    }),
  };
}
