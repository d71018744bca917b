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
import type { CiliumProps } from './cilium/options';
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
 * The CNI choice: `Cni.calico({...})` or `Cni.flannel({...})`. Holds the options only; the pools,
 * networks and masks come from the plan when rendered, so they cannot drift from `--cluster-cidr`.
 */
export class Cni {
  public static readonly DEFAULT_BLOCK_SIZE_IPV4 = 26;
  public static readonly DEFAULT_BLOCK_SIZE_IPV6 = 122;
  public static readonly DEFAULT_ENCAPSULATION = CalicoEncapsulation.VXLAN_CROSS_SUBNET;
  public static readonly DEFAULT_NODE_SELECTOR = 'all()';
  public static readonly DEFAULT_CALICO_MODE = CalicoMode.OPERATOR;
  public static readonly DEFAULT_FLANNEL_BACKEND = FlannelBackend.VXLAN;
  public static readonly DEFAULT_LINUX_DATAPLANE = CalicoLinuxDataplane.IPTABLES;

  /** Calico, operator mode unless `mode: CalicoMode.MANIFEST`. */
  public static calico(options: CalicoOptions = {}): Cni {
    return new Cni(CniKind.CALICO, options, undefined, undefined);
  }

  /** flannel with the kube subnet manager (node podCIDRs from the controller-manager). */
  public static flannel(options: FlannelOptions = {}): Cni {
    return new Cni(CniKind.FLANNEL, undefined, options, undefined);
  }

  /**
   * Cilium (Helm chart values from the plan): IPAM `kubernetes` and tunnel routing unless chosen
   * otherwise; with `kubeProxyReplacement` the cluster gets no kube-proxy.
   */
  public static cilium(props: CiliumProps = {}): Cni {
    return new Cni(CniKind.CILIUM, undefined, undefined, props);
  }

  public readonly kind: CniKind;
  /** Set for Calico. */
  public readonly calicoOptions: CalicoOptions | undefined;
  /** Set for flannel. */
  public readonly flannelOptions: FlannelOptions | undefined;
  /** Set for Cilium. */
  public readonly ciliumOptions: CiliumProps | undefined;

  private constructor(kind: CniKind, calico: CalicoOptions | undefined, flannel: FlannelOptions | undefined, cilium: CiliumProps | undefined) {
    this.kind = kind;
    this.calicoOptions = calico ? { ...calico } : undefined;
    this.flannelOptions = flannel ? { ...flannel } : undefined;
    this.ciliumOptions = cilium ? { ...cilium } : undefined;
  }

  /** Whether the CNI replaces kube-proxy (Cilium with `kubeProxyReplacement`): no kube-proxy is installed. */
  public get replacesKubeProxy(): boolean {
    return this.ciliumOptions?.kubeProxyReplacement === true;
  }
}

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
      blockSize: o.blockSize ?? (v4 ? Cni.DEFAULT_BLOCK_SIZE_IPV4 : Cni.DEFAULT_BLOCK_SIZE_IPV6),
      encapsulation: o.encapsulation ?? Cni.DEFAULT_ENCAPSULATION,
      natOutgoing: o.natOutgoing ?? true,
      nodeSelector: o.nodeSelector ?? Cni.DEFAULT_NODE_SELECTOR,
    });
  }
  return {
    mode: options.mode ?? Cni.DEFAULT_CALICO_MODE,
    version,
    operatorVersion: operatorVersionFor(version),
    pools,
    autodetectionV4: plan.hasFamily(IpFamily.IPV4) ? (options.nodeAddressAutodetectionV4 ?? defaultAutodetection(plan, IpFamily.IPV4)) : undefined,
    autodetectionV6: plan.hasFamily(IpFamily.IPV6) ? (options.nodeAddressAutodetectionV6 ?? defaultAutodetection(plan, IpFamily.IPV6)) : undefined,
    mtu: options.mtu ?? 0,
    seccomp: seccompFor(plan.version),
    linuxDataplane: options.linuxDataplane ?? Cni.DEFAULT_LINUX_DATAPLANE,
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
    backend: options.backend ?? Cni.DEFAULT_FLANNEL_BACKEND,
    version: options.version ?? DEFAULT_FLANNEL_VERSION,
    cniPluginVersion: options.cniPluginVersion ?? DEFAULT_FLANNEL_CNI_PLUGIN_VERSION,
    iface: options.iface ?? [],
    ifaceCanReach: options.ifaceCanReach,
    publicIPv6: options.publicIPv6,
  };
}
