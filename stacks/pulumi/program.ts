import * as pulumi from '@pulumi/pulumi';
import { ClusterNetworkSpec, DualStackCluster } from '../../lib';
import type * as k8s from '@pulumi/kubernetes';
import { checkConfigKeys, ciliumChart, ConfigSource, deployCluster, DeployedCluster, specConfigKeys, specFromConfig } from '../../lib/pulumi';
import { STACK_PROPS } from '../registry';

/** The ready stack a Pulumi stack deploys unless its config names another (`k8s-dualstack:stack`). */
export const DEFAULT_STACK = 'calico-operator-nftables';

/** Keys of the program itself, besides the network keys (`specConfigKeys()`). */
export const PROGRAM_CONFIG_KEYS = ['stack', 'patchExistingKubeProxy'] as const;

/**
 * The Pulumi program: the same ready stacks as `cdk8s synth`, one Pulumi resource per object.
 * Stack config: `stack` picks the ready stack; each network key set (`podCidrs`, `nodes`,
 * `kubernetesVersion`, … — see docs/pulumi.md) replaces that field of its network, alone or with
 * others, and the result is validated by the plan before any resource is registered; an unknown
 * key is an error naming it (with `stackConfig()` or any source that lists its keys);
 * `patchExistingKubeProxy: true` also rolls a running cluster's kube-proxy (field report §4.4, §6).
 * kube-system/kube-proxy is never created: kubeadm did, so it is patched.
 */
export function program(config: ConfigSource): DeployedCluster & { cilium?: k8s.helm.v4.Chart } {
  checkConfigKeys(config, [...PROGRAM_CONFIG_KEYS, ...specConfigKeys()]);
  const name = config.get('stack') ?? DEFAULT_STACK;
  const ready = STACK_PROPS[name];
  if (!ready) {
    throw new pulumi.RunError(`k8s-dualstack:stack: ${JSON.stringify(name)} is not a ready stack (choose one of ${Object.keys(STACK_PROPS).join(', ')})`);
  }
  const props = ready();
  const spec: ClusterNetworkSpec = { ...(props.network as ClusterNetworkSpec), ...specFromConfig(config) };
  let cluster: DualStackCluster | undefined;
  const deployed = deployCluster('k8s-dualstack', {
    spec,
    build: (app, network) => {
      cluster = new DualStackCluster(app, 'cluster', { ...props, network });
    },
    // A CNI that replaces kube-proxy leaves none to patch (kubeadm skipped its addon phase).
    kubeProxyPatch: config.get('patchExistingKubeProxy') === 'true' && !props.cni?.replacesKubeProxy ? (props.kubeProxy ?? true) : false,
  });
  // Cilium is a Helm chart: cdk8s writes its values, Pulumi installs the chart with the same props
  // and the same context the cluster gave it.
  const cilium = cluster?.cilium;
  if (!cilium) return deployed;
  return { ...deployed, cilium: ciliumChart('k8s-dualstack-cilium', { network: deployed.network, cilium: cilium.options, context: cilium.context }) };
}
