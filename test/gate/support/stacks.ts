/**
 * The gate's matrix: every ready stack on the version lines it supports, synthesized in memory
 * once per test process (cached). Versions are listed (historical lines) or read from the
 * supported window (current lines), never discovered from what synthesizes, so a stack that stops
 * synthesizing on a line it claims fails the gate instead of silently dropping out of it.
 */
import { DualStackCluster, DualStackClusterProps } from '../../../lib';
import { ClusterNetwork, ClusterNetworkSpec } from '../../../lib/plan';
import { KubernetesVersion } from '../../../lib/plan/version';
import { calicoManifestIpvs } from '../../../stacks/calico-manifest-ipvs';
import { STACK_PROPS, stackApp } from '../../../stacks/registry';

export interface StackCase {
  readonly stack: string;
  readonly version: string;
  /** The stack exactly as shipped (its own version), as opposed to a version sample. */
  readonly shipped: boolean;
}

export interface SynthChart {
  /** The file name `cdk8s synth` writes (`0003-cni.k8s.yaml`). */
  readonly file: string;
  readonly objects: readonly any[];
}

/**
 * Historical version lines per stack. Each line renders differently (kubeadm v1beta2 → v1beta3 →
 * v1beta4, the IPv6DualStack gate, Ingress v1beta1 → v1, ttlSecondsAfterFinished from 1.21,
 * nftables from 1.29 …). The field report's stack is also rendered for its own era (1.18);
 * ipv6-primary needs nftables (≥ 1.29); the rest need Kubernetes ≥ 1.21 (ingress controllers, the
 * smoke test's dual-stack Service API) except ipv4-only.
 */
export const HISTORICAL_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  'calico-manifest-ipvs': ['1.18', '1.21', '1.23', '1.27', '1.31', '1.33'],
  'calico-operator-nftables': ['1.29', '1.31', '1.33'],
  'flannel-iptables': ['1.21', '1.23', '1.27', '1.31', '1.33'],
  'ipv6-primary': ['1.29', '1.31', '1.33'],
  'ipv4-only': ['1.18', '1.21', '1.23', '1.27', '1.31', '1.33'],
  // Cilium 1.19 with kube-proxy replacement: kubeadm v1beta3 (skipPhases) and v1beta4 lines.
  'cilium-dual-stack': ['1.27', '1.31', '1.33'],
};

/**
 * The first minor of the current window: every stack is a line on each minor from here to
 * `KubernetesVersion.MAX_SUPPORTED` (read, not copied), so widening the window in
 * lib/plan/version.ts adds its lines to the gate by itself. 1.35 is the oldest minor upstream
 * still supports (kubernetes.io/releases, December 2026).
 */
export const CURRENT_WINDOW_FROM = '1.35';

/** `1.35` … `MAX_SUPPORTED`, one line per minor. */
export function currentLines(max: string = KubernetesVersion.MAX_SUPPORTED): string[] {
  const lo = KubernetesVersion.parse(CURRENT_WINDOW_FROM).minor;
  const hi = KubernetesVersion.parse(max).minor;
  const out: string[] = [];
  for (let m = lo; m <= hi; m++) out.push(`1.${m}`);
  return out;
}

/** The minor a stack ships with (its own `kubernetesVersion`, else the plan's default). */
export function shippedVersion(stack: string): string {
  const make = STACK_PROPS[stack];
  if (!make) throw new Error(`unknown stack ${stack}`);
  const spec = make().network as ClusterNetworkSpec;
  return KubernetesVersion.parse(spec.kubernetesVersion ?? ClusterNetwork.DEFAULT_KUBERNETES_VERSION).toString();
}

const byMinor = (a: string, b: string): number => KubernetesVersion.parse(a).minor - KubernetesVersion.parse(b).minor;

/** Version lines per stack: its historical lines, its shipped version and the current window. */
export const VERSIONS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(HISTORICAL_VERSIONS).map(([stack, lines]) => [stack, [...new Set([...lines, shippedVersion(stack), ...currentLines()])].sort(byMinor)]),
);

export const MATRIX: readonly StackCase[] = Object.entries(VERSIONS).flatMap(([stack, versions]) =>
  versions.map((version) => ({ stack, version, shipped: version === shippedVersion(stack) })),
);

/** The props of a stack on a version line. */
export function propsFor(stack: string, version: string): DualStackClusterProps {
  // The field report's stack changes its choices for its era; it takes the version itself.
  if (stack === 'calico-manifest-ipvs') return calicoManifestIpvs(version);
  const make = STACK_PROPS[stack];
  if (!make) throw new Error(`unknown stack ${stack}`);
  const props = make();
  if (version === shippedVersion(stack)) return props;
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
  const charts: SynthChart[] = app.charts.map((chart) => ({ file: `${chart.node.id}.k8s.yaml`, objects: chart.toJson() }));
  // The kubeadm files are not charts (DualStackCluster writes them into 0001-kubeadm/): one entry per file.
  const cluster = app.node.findAll().find((x): x is DualStackCluster => x instanceof DualStackCluster);
  charts.push(...(cluster?.controlPlane.files ?? []).map((f) => ({ file: `0001-kubeadm/${f.name}`, objects: JSON.parse(JSON.stringify(f.documents)) })));
  // File order, as `npm run synth` lists them (the CRD chart is created last but numbered 0002).
  charts.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  cache.set(key, charts);
  return charts;
}

/** Kubernetes API objects of a case (the kubeadm chart holds kubeadm documents, not API objects). */
export function apiObjects(c: Pick<StackCase, 'stack' | 'version'>): any[] {
  return synthCase(c)
    .filter((ch) => !ch.file.endsWith('.kubeadm.conf'))
    .flatMap((ch) => ch.objects);
}

/** `stack@version` for test titles. */
export const caseName = (c: Pick<StackCase, 'stack' | 'version'>): string => `${c.stack}@${c.version}`;
