import { CalicoChoice, ICalicoCni } from './calico/choice';
import { CiliumChoice, ICiliumCni } from './cilium/choice';
import type { CiliumProps } from './cilium/options';
import type { ICni } from './choice';
import { CNI_DEFAULTS, CniKind } from './cni';
import { FlannelChoice, IFlannelCni } from './flannel/choice';
import type { CalicoOptions, FlannelOptions } from './options';

/**
 * The CNI choices: `Cni.calico({...})`, `Cni.flannel({...})`, `Cni.cilium({...})`, each an `ICni`
 * (aws-cdk `IpAddresses` style). This is the one place that names the implementations: a new CNI
 * is its folder (renderer, rules, construct, choice) plus one factory method here.
 * A choice holds the options only; the pools, networks and masks come from the plan when rendered,
 * so they cannot drift from `--cluster-cidr`.
 */
export class Cni {
  public static readonly DEFAULT_BLOCK_SIZE_IPV4 = CNI_DEFAULTS.BLOCK_SIZE_IPV4;
  public static readonly DEFAULT_BLOCK_SIZE_IPV6 = CNI_DEFAULTS.BLOCK_SIZE_IPV6;
  public static readonly DEFAULT_ENCAPSULATION = CNI_DEFAULTS.ENCAPSULATION;
  public static readonly DEFAULT_NODE_SELECTOR = CNI_DEFAULTS.NODE_SELECTOR;
  public static readonly DEFAULT_CALICO_MODE = CNI_DEFAULTS.CALICO_MODE;
  public static readonly DEFAULT_FLANNEL_BACKEND = CNI_DEFAULTS.FLANNEL_BACKEND;
  public static readonly DEFAULT_LINUX_DATAPLANE = CNI_DEFAULTS.LINUX_DATAPLANE;

  /** Calico, operator mode unless `mode: CalicoMode.MANIFEST`; its dataplane follows kube-proxy's mode unless chosen. */
  public static calico(options: CalicoOptions = {}): ICalicoCni {
    return new CalicoChoice(options);
  }

  /** flannel with the kube subnet manager (node podCIDRs from the controller-manager). */
  public static flannel(options: FlannelOptions = {}): IFlannelCni {
    return new FlannelChoice(options);
  }

  /**
   * Cilium (Helm chart values from the plan): IPAM `kubernetes` and tunnel routing unless chosen
   * otherwise; with `kubeProxyReplacement` the cluster gets no kube-proxy.
   */
  public static cilium(props: CiliumProps = {}): ICiliumCni {
    return new CiliumChoice(props);
  }

  /**
   * A choice by its kind (`calico`, `flannel`, `cilium`) and options, as a config file writes it
   * (`k8s-dualstack plan`'s `choices.cni`).
   * @returns undefined for a kind no factory builds
   */
  public static of(kind: string, options: object = {}): ICni | undefined {
    const factories: Record<string, (o: object) => ICni> = {
      [CniKind.CALICO]: (o) => Cni.calico(o as CalicoOptions),
      [CniKind.FLANNEL]: (o) => Cni.flannel(o as FlannelOptions),
      [CniKind.CILIUM]: (o) => Cni.cilium(o as CiliumProps),
    };
    return Object.prototype.hasOwnProperty.call(factories, kind) ? factories[kind](options) : undefined;
  }

  /** The kinds `Cni.of` builds. */
  public static readonly KINDS: readonly string[] = [CniKind.CALICO, CniKind.FLANNEL, CniKind.CILIUM];

  private constructor() {}
}
