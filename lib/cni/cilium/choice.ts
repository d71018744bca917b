import type { Construct } from 'constructs';
import type { Finding } from '../../plan/findings';
import type { ClusterNetwork } from '../../plan/network';
import type { CniContext, ICni, ICniConstruct } from '../choice';
import { CniKind } from '../cni';
import type { CiliumProps } from './options';
import { ciliumFindings, CiliumRuleContext } from './rules';

/** `Cni.cilium({...})`: the props as given. */
export interface ICiliumCni extends ICni {
  /** The props as given. */
  readonly ciliumOptions: CiliumProps;
}

/** The Cilium rules' view of a cluster context. */
export function ciliumRuleContext(context: CniContext): CiliumRuleContext {
  const out: { -readonly [K in keyof CiliumRuleContext]: CiliumRuleContext[K] } = {};
  if (context.controlPlaneEndpoint !== undefined) out.controlPlaneEndpoint = context.controlPlaneEndpoint;
  if (context.kubeProxyInstalled !== undefined) out.kubeProxyInstalled = context.kubeProxyInstalled;
  if (context.kubeProxyOptionsIgnored !== undefined) out.kubeProxyOptionsIgnored = context.kubeProxyOptionsIgnored;
  return out;
}

/** @internal Cilium as a CNI choice; built by `Cni.cilium` only. */
export class CiliumChoice implements ICiliumCni {
  public readonly kind: string = CniKind.CILIUM;
  public get options(): object {
    return this.ciliumOptions;
  }

  public readonly ciliumOptions: CiliumProps;

  constructor(props: CiliumProps) {
    this.ciliumOptions = { ...props };
  }

  /** With `kubeProxyReplacement` the cluster gets no kube-proxy. */
  public get replacesKubeProxy(): boolean {
    return this.ciliumOptions.kubeProxyReplacement === true;
  }

  public findings(plan: ClusterNetwork, context: CniContext): Finding[] {
    return ciliumFindings(plan, this.ciliumOptions, ciliumRuleContext(context));
  }

  public bind(scope: Construct, plan: ClusterNetwork, context: CniContext): ICniConstruct {
    // Loaded here, not at the top: the choice's findings stay free of cdk8s.
    const { CiliumCni } = require('./construct') as typeof import('./construct');
    return new CiliumCni(scope, 'Cilium', { network: plan, cni: this, context: ciliumRuleContext(context) });
  }
}
