import { seccompFor, SeccompForVersion } from '../k8s/security';
import { Cidr } from '../net/cidr';
import type { ClusterNetwork } from '../plan/network';
import { IpFamily } from '../plan/spec';
import { KubeProxyMode } from '../plan/rules/kube-proxy';
import {
  CalicoEncapsulation,
  CalicoLinuxDataplane,
  CalicoMode,
  CalicoOptions,
  CalicoPoolOptions,
  FlannelBackend,
  FlannelOptions,
  NodeAddressAutodetection,
} from './options';
import { DEFAULT_CALICO_VERSION, DEFAULT_FLANNEL_CNI_PLUGIN_VERSION, DEFAULT_FLANNEL_VERSION, operatorVersionFor } from './versions';
import { controlPlaneTolerationKeys } from '../plan/timeline/facts';
import type { KubernetesVersion } from '../plan/version';

/** Which CNI a cluster runs. */
export enum CniKind {
  CALICO = 'calico',
  FLANNEL = 'flannel',
  CILIUM = 'cilium',
}

/**
 * The defaults the CNI choices apply (`Cni.DEFAULT_*` names the same values). Plain data, so the
 * plan's rules and the renderers read them without loading any construct.
 */
export const CNI_DEFAULTS = {
  BLOCK_SIZE_IPV4: 26,
  BLOCK_SIZE_IPV6: 122,
  ENCAPSULATION: CalicoEncapsulation.VXLAN_CROSS_SUBNET,
  NODE_SELECTOR: 'all()',
  CALICO_MODE: CalicoMode.OPERATOR,
  FLANNEL_BACKEND: FlannelBackend.VXLAN,
  LINUX_DATAPLANE: CalicoLinuxDataplane.IPTABLES,
} as const;

/** A Calico pool with every default applied. */
export interface ResolvedCalicoPool {
  readonly family: IpFamily;
  /** Stable name (`default-ipv4-ippool`, as the operator names its defaults). */
  readonly name: string;
  readonly cidr: Cidr;
  readonly blockSize: number;
  readonly encapsulation: CalicoEncapsulation;
  readonly natOutgoing: boolean;
  readonly nodeSelector: string;
}

/** Calico options resolved against the plan. */
export interface ResolvedCalico {
  readonly mode: CalicoMode;
  readonly version: string;
  /** The tigera-operator release for `version` (undefined when the pairing is unknown: a rule refuses it in operator mode). */
  readonly operatorVersion: string | undefined;
  /** In the plan's family order (primary first). */
  readonly pools: readonly ResolvedCalicoPool[];
  readonly autodetectionV4: NodeAddressAutodetection | undefined;
  readonly autodetectionV6: NodeAddressAutodetection | undefined;
  readonly mtu: number;
  /** How the target version takes the RuntimeDefault seccomp profile (field from 1.19, annotation before). */
  readonly seccomp: SeccompForVersion;
  readonly linuxDataplane: CalicoLinuxDataplane;
  /** The NoSchedule taint keys kubeadm puts on control-plane nodes of the target version (see `controlPlaneTaintKeys`). */
  readonly controlPlaneTaintKeys: readonly string[];
}

export const CONTROL_PLANE_TAINT = 'node-role.kubernetes.io/control-plane';
export const LEGACY_MASTER_TAINT = 'node-role.kubernetes.io/master';

/**
 * The control-plane taint keys a pod that must run on control-plane nodes tolerates: the timeline's
 * single kubeadm taint history (`KUBEADM_CONTROL_PLANE_TAINTS`), i.e. both keys before 1.25.
 */
export function controlPlaneTaintKeys(version: Pick<KubernetesVersion, 'atLeast' | 'before'>): readonly string[] {
  return controlPlaneTolerationKeys(version);
}

/**
 * The Calico dataplane that matches a kube-proxy mode: nftables kube-proxy needs Calico's nftables
 * dataplane and Calico's nftables dataplane needs nftables kube-proxy (Calico docs "Calico nftables
 * data plane"; iptables-mode Calico next to nftables kube-proxy: projectcalico/calico#8025). iptables
 * and ipvs kube-proxy pair with the iptables dataplane.
 * @param kubeProxyMode the kube-proxy mode; undefined is kube-proxy's default, iptables
 */
export function calicoDataplaneFor(kubeProxyMode: KubeProxyMode | undefined): CalicoLinuxDataplane {
  return kubeProxyMode === KubeProxyMode.NFTABLES ? CalicoLinuxDataplane.NFTABLES : CalicoLinuxDataplane.IPTABLES;
}

/**
 * Calico's options in a cluster's context: the dataplane follows kube-proxy's mode unless the user
 * chose one (`calicoDataplaneFor`), so `CniChart`, `CalicoCni` and `DualStackCluster` resolve the same
 * dataplane for the same props. With the mode unknown the options are kept as given.
 */
export function calicoOptionsInContext(options: CalicoOptions, kubeProxyMode: KubeProxyMode | undefined): CalicoOptions {
  if (options.linuxDataplane !== undefined || kubeProxyMode === undefined) return options;
  return { ...options, linuxDataplane: calicoDataplaneFor(kubeProxyMode) };
}

export function poolOptionsOf(options: CalicoOptions, family: IpFamily): CalicoPoolOptions {
  return (family === IpFamily.IPV4 ? options.ipv4Pool : options.ipv6Pool) ?? {};
}

/** The default autodetection of a family: the declared node networks, else NodeInternalIP. */
export function defaultAutodetection(plan: ClusterNetwork, family: IpFamily): NodeAddressAutodetection {
  const networks = plan.nodeNetworksOf(family);
  return networks.length > 0 ? NodeAddressAutodetection.cidrs(networks) : NodeAddressAutodetection.kubernetesInternalIP();
}

/**
 * Apply defaults. Never throws: an override CIDR that does not parse falls back to the plan's pod
 * CIDR here, and `calicoFindings` reports it as an error (so synth fails before anything is written).
 */
export function resolveCalico(plan: ClusterNetwork, options: CalicoOptions = {}): ResolvedCalico {
  const version = options.version ?? DEFAULT_CALICO_VERSION;
  const pools: ResolvedCalicoPool[] = [];
  for (const family of plan.families) {
    const podCidr = plan.podCidr(family);
    if (!podCidr) continue;
    const o = poolOptionsOf(options, family);
    const override = typeof o.cidr === 'string' ? Cidr.tryParse(o.cidr) : undefined;
    const v4 = family === IpFamily.IPV4;
    pools.push({
      family,
      name: v4 ? 'default-ipv4-ippool' : 'default-ipv6-ippool',
      cidr: override && override.family === podCidr.family ? override : podCidr,
      blockSize: o.blockSize ?? (v4 ? CNI_DEFAULTS.BLOCK_SIZE_IPV4 : CNI_DEFAULTS.BLOCK_SIZE_IPV6),
      encapsulation: o.encapsulation ?? CNI_DEFAULTS.ENCAPSULATION,
      natOutgoing: o.natOutgoing ?? true,
      nodeSelector: o.nodeSelector ?? CNI_DEFAULTS.NODE_SELECTOR,
    });
  }
  return {
    mode: options.mode ?? CNI_DEFAULTS.CALICO_MODE,
    version,
    operatorVersion: operatorVersionFor(version),
    pools,
    autodetectionV4: plan.hasFamily(IpFamily.IPV4) ? (options.nodeAddressAutodetectionV4 ?? defaultAutodetection(plan, IpFamily.IPV4)) : undefined,
    autodetectionV6: plan.hasFamily(IpFamily.IPV6) ? (options.nodeAddressAutodetectionV6 ?? defaultAutodetection(plan, IpFamily.IPV6)) : undefined,
    mtu: options.mtu ?? 0,
    seccomp: seccompFor(plan.version),
    linuxDataplane: options.linuxDataplane ?? CNI_DEFAULTS.LINUX_DATAPLANE,
    controlPlaneTaintKeys: controlPlaneTaintKeys(plan.version),
  };
}

/** flannel options with every default applied. */
export interface ResolvedFlannel {
  readonly backend: FlannelBackend;
  readonly version: string;
  readonly cniPluginVersion: string;
  readonly iface: readonly string[];
  readonly ifaceCanReach: string | undefined;
  readonly publicIPv6: string | undefined;
}

export function resolveFlannel(options: FlannelOptions = {}): ResolvedFlannel {
  return {
    backend: options.backend ?? CNI_DEFAULTS.FLANNEL_BACKEND,
    version: options.version ?? DEFAULT_FLANNEL_VERSION,
    cniPluginVersion: options.cniPluginVersion ?? DEFAULT_FLANNEL_CNI_PLUGIN_VERSION,
    iface: options.iface ?? [],
    ifaceCanReach: options.ifaceCanReach,
    publicIPv6: options.publicIPv6,
  };
}
