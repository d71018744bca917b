/**
 * The gate's matrix: every ready stack on the version lines it supports, synthesized in memory
 * once per test process (cached). Versions are listed, not discovered, so a stack that stops
 * synthesizing on a line it claims fails the gate instead of silently dropping out of it.
 */
import { DualStackClusterProps } from '../../../lib';
import { ClusterNetworkSpec } from '../../../lib/plan';
import { calicoManifestIpvs } from '../../../stacks/calico-manifest-ipvs';
import { STACK_PROPS, stackApp } from '../../../stacks/registry';

export interface StackCase {
  readonly stack: string;
  readonly version: string;
  /** The stack exactly as shipped (its own version, 1.33), as opposed to a version sample. */
  readonly shipped: boolean;
}

export interface SynthChart {
  /** The file name `cdk8s synth` writes (`0003-cni.k8s.yaml`). */
  readonly file: string;
  readonly objects: readonly any[];
}

/**
 * Version lines per stack. Each line renders differently (kubeadm v1beta2 → v1beta3 → v1beta4,
 * the IPv6DualStack gate, Ingress v1beta1 → v1, ttlSecondsAfterFinished from 1.21, nftables from
 * 1.29 …). The field report's stack is also rendered for its own era (1.18); ipv6-primary needs
 * nftables (≥ 1.29); the rest need Kubernetes ≥ 1.21 (ingress controllers, the smoke test's
 * dual-stack Service API) except ipv4-only.
 */
export const VERSIONS: Readonly<Record<string, readonly string[]>> = {
  'calico-manifest-ipvs': ['1.18', '1.21', '1.23', '1.27', '1.31', '1.33', '1.35'],
  'calico-operator-ipvs': ['1.21', '1.23', '1.27', '1.31', '1.33', '1.35'],
  'flannel-iptables': ['1.21', '1.23', '1.27', '1.31', '1.33', '1.35'],
  'ipv6-primary': ['1.29', '1.31', '1.33', '1.35'],
  'ipv4-only': ['1.18', '1.21', '1.23', '1.27', '1.31', '1.33', '1.35'],
  // Cilium 1.19 with kube-proxy replacement: kubeadm v1beta3 (skipPhases) and v1beta4 lines.
  'cilium-dual-stack': ['1.27', '1.31', '1.33', '1.35'],
};

export const SHIPPED_VERSION = '1.33';

export const MATRIX: readonly StackCase[] = Object.entries(VERSIONS).flatMap(([stack, versions]) =>
  versions.map((version) => ({ stack, version, shipped: version === SHIPPED_VERSION })),
);

/** The props of a stack on a version line. */
export function propsFor(stack: string, version: string): DualStackClusterProps {
  // The field report's stack changes its choices for its era; it takes the version itself.
  if (stack === 'calico-manifest-ipvs') return calicoManifestIpvs(version);
  const make = STACK_PROPS[stack];
  if (!make) throw new Error(`unknown stack ${stack}`);
  const props = make();
  if (version === SHIPPED_VERSION) return props;
  return { ...props, network: { ...(props.network as ClusterNetworkSpec), kubernetesVersion: version } };
}

const cache = new Map<string, readonly SynthChart[]>();

/** Synthesize a case in memory: one entry per chart file; throws if any construct reports an error. */
export function synthCase(c: Pick<StackCase, 'stack' | 'version'>): readonly SynthChart[] {
  const key = `${c.stack}@${c.version}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const app = stackApp('/nonexistent-gate-outdir', propsFor(c.stack, c.version));
  const errors = app.node.findAll().flatMap((x) => x.node.validate());
  if (errors.length > 0) throw new Error(`${key} does not synthesize:\n${errors.join('\n')}`);
  // cdk8s' FILE_PER_CHART output names each file after its chart id (DualStackCluster numbers the ids).
  const charts = app.charts.map((chart) => ({ file: `${chart.node.id}.k8s.yaml`, objects: chart.toJson() }));
  cache.set(key, charts);
  return charts;
}

/** Kubernetes API objects of a case (the kubeadm chart holds kubeadm documents, not API objects). */
export function apiObjects(c: Pick<StackCase, 'stack' | 'version'>): any[] {
  return synthCase(c)
    .filter((ch) => !ch.file.endsWith('-kubeadm.k8s.yaml'))
    .flatMap((ch) => ch.objects);
}

/** `stack@version` for test titles. */
export const caseName = (c: Pick<StackCase, 'stack' | 'version'>): string => `${c.stack}@${c.version}`;
