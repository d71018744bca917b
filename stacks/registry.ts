import { App, YamlOutputType } from 'cdk8s';
import { cacheRepeatedYaml, DualStackApp, DualStackCluster, DualStackClusterProps } from '../lib';
import { calicoManifestIpvs } from './calico-manifest-ipvs';
import { calicoOperatorNftables } from './calico-operator-nftables';
import { ciliumDualStack } from './cilium-dual-stack';
import { flannelIptables } from './flannel-iptables';
import { ipv4Only } from './ipv4-only';
import { ipv6Primary } from './ipv6-primary';

/** The ready stacks, by name: each is a `DualStackCluster` description. */
export const STACK_PROPS: Readonly<Record<string, () => DualStackClusterProps>> = {
  'calico-manifest-ipvs': () => calicoManifestIpvs(),
  'calico-operator-nftables': calicoOperatorNftables,
  'flannel-iptables': flannelIptables,
  'ipv6-primary': ipv6Primary,
  'ipv4-only': ipv4Only,
  'cilium-dual-stack': ciliumDualStack,
};

/**
 * One App per stack, one file per chart, numbered in apply order; a `DualStackApp`, so its
 * `synth()` also writes the node scripts, kubeadm files and apply.sh. The cluster construct carries
 * the stack's name, so the plan's warnings printed at synth say which stack they are about.
 */
export function stackApp(outdir: string, props: DualStackClusterProps, name = 'cluster'): App {
  // The stacks share their static CRDs: stringify each once per process (same bytes).
  cacheRepeatedYaml();
  const app = new DualStackApp({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
  new DualStackCluster(app, name, props);
  return app;
}

/** What `k8s-dualstack synth` and `cdk8s synth` call: write a stack into `outdir` (throws on errors). */
export const STACKS: Readonly<Record<string, (outdir: string) => void>> = Object.fromEntries(
  Object.entries(STACK_PROPS).map(([name, props]) => [name, (outdir: string) => stackApp(outdir, props(), name).synth()]),
);
