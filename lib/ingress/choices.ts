/** @internal The built-in ingress choices; built by `IngressController` only. */
import type { Construct } from 'constructs';
import { gatewayFindings } from './rules';
import type { Finding } from '../plan/findings';
import type { ClusterNetwork } from '../plan/network';
import type { IIngressController, IngressBinding } from './choice';
import type { NodePortClaim } from './rules';
import { ingressNginxInstallFindings, kongInstallFindings, nodePortClaimOf } from './install-findings';
import type { DualStackGatewayOptions } from './render-gateway';
import type { IngressNginxOptions } from './render-ingress-nginx';
import type { KongIngressOptions } from './render-kong';

/** Which ingress implementation a `DualStackCluster` installs. */
export enum IngressKind {
  NGINX = 'ingress-nginx',
  KONG = 'kong',
  GATEWAY = 'gateway-api',
}

/** @internal ingress-nginx. */
export class NginxChoice implements IIngressController {
  public readonly kind: string = IngressKind.NGINX;
  public readonly options: IngressNginxOptions;
  constructor(options: IngressNginxOptions) {
    this.options = { ...options };
  }
  public findings(plan: ClusterNetwork, path?: string): Finding[] {
    return ingressNginxInstallFindings(plan, this.options, path);
  }
  public nodePortClaim(path: string): NodePortClaim | undefined {
    return nodePortClaimOf(this.options, path);
  }
  public bind(scope: Construct, plan: ClusterNetwork): IngressBinding {
    // Loaded here, not at the top: the choice's findings stay free of cdk8s.
    const { IngressNginx } = require('./ingress-nginx') as typeof import('./ingress-nginx');
    const c = new IngressNginx(scope, 'IngressNginx', { ...this.options, network: plan });
    return { construct: c, route: { ingressClassName: c.ingressClassName } };
  }
}

/** @internal Kong. */
export class KongChoice implements IIngressController {
  public readonly kind: string = IngressKind.KONG;
  public readonly options: KongIngressOptions;
  constructor(options: KongIngressOptions) {
    this.options = { ...options };
  }
  public findings(plan: ClusterNetwork, path?: string): Finding[] {
    return kongInstallFindings(plan, this.options, path);
  }
  public nodePortClaim(path: string): NodePortClaim | undefined {
    return nodePortClaimOf(this.options, path);
  }
  public bind(scope: Construct, plan: ClusterNetwork): IngressBinding {
    const { KongIngress } = require('./kong') as typeof import('./kong');
    const c = new KongIngress(scope, 'Kong', { ...this.options, network: plan });
    return { construct: c, route: { ingressClassName: c.ingressClassName } };
  }
}

/** @internal A Gateway API Gateway on Envoy Gateway. */
export class GatewayChoice implements IIngressController {
  public readonly kind: string = IngressKind.GATEWAY;
  public readonly options: DualStackGatewayOptions;
  constructor(options: DualStackGatewayOptions) {
    this.options = { ...options };
  }
  public findings(plan: ClusterNetwork, path = 'gateway'): Finding[] {
    return gatewayFindings(plan, this.options, path);
  }
  /** The Gateway's Service is the gateway implementation's (Envoy Gateway): no nodePort of ours. */
  public nodePortClaim(_path: string): NodePortClaim | undefined {
    return undefined;
  }
  public bind(scope: Construct, plan: ClusterNetwork): IngressBinding {
    const { DualStackGateway } = require('./gateway') as typeof import('./gateway');
    const c = new DualStackGateway(scope, 'Gateway', { ...this.options, network: plan });
    return { construct: c, route: { gateway: { name: c.gatewayName, namespace: c.gatewayNamespace } } };
  }
}
