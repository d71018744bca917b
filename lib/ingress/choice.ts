/**
 * The ingress choice as an interface (aws-cdk `IpAddresses` style): each implementation is private
 * (lib/ingress/choices.ts), `IngressController.nginx()/kong()/gateway()` is the one place that names
 * them, and `DualStackCluster` asks the choice instead of switching on its kind.
 */
import type { Construct, IConstruct } from 'constructs';
import type { Finding } from '../plan/findings';
import type { ClusterNetwork } from '../plan/network';
import type { NodePortClaim } from './rules';
import type { DualStackGatewayOptions } from './render-gateway';
import type { IngressNginxOptions } from './render-ingress-nginx';
import type { KongIngressOptions } from './render-kong';

/** How an application is routed through an installed ingress: an Ingress of a class, or an HTTPRoute to a Gateway. */
export interface IngressRoute {
  /**
   * The IngressClass an Ingress names.
   * @default - none: route with `gateway`
   */
  readonly ingressClassName?: string;
  /**
   * The Gateway an HTTPRoute attaches to.
   * @default - none: route with `ingressClassName`
   */
  readonly gateway?: { readonly name: string; readonly namespace: string };
}

/** What binding an ingress choice adds: its construct and how an application routes through it. */
export interface IngressBinding {
  readonly construct: IConstruct;
  readonly route: IngressRoute;
}

/** An ingress choice: `IngressController.nginx({...})`, `.kong({...})`, `.gateway({...})`. */
export interface IIngressController {
  /** Which implementation (`IngressKind` values for the built-in ones), for reading and messages only. */
  readonly kind: string;
  /** The options as given. */
  readonly options: IngressNginxOptions | KongIngressOptions | DualStackGatewayOptions;
  /**
   * Every finding of this ingress for a plan (pure; never throws).
   * @param path where the findings point (the construct path `bind` would use)
   */
  findings(plan: ClusterNetwork, path?: string): Finding[];
  /**
   * The cluster-wide nodePorts it claims (checked against the other controllers').
   * @param path where the claim points
   * @returns undefined when it exposes no nodePort
   */
  nodePortClaim(path: string): NodePortClaim | undefined;
  /** Adds the ingress construct under `scope` (its id is the implementation's). */
  bind(scope: Construct, plan: ClusterNetwork): IngressBinding;
}
