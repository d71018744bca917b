import { IngressNginxOptions } from './ingress/render-ingress-nginx';
import { KongIngressOptions } from './ingress/render-kong';
import { DualStackGatewayOptions } from './ingress/render-gateway';

/** Which ingress implementation a `DualStackCluster` installs. */
export enum IngressKind {
  NGINX = 'ingress-nginx',
  KONG = 'kong',
  GATEWAY = 'gateway-api',
}

/**
 * An ingress choice for `DualStackCluster`: `IngressController.nginx({...})`,
 * `IngressController.kong({...})` or `IngressController.gateway({...})`.
 */
export class IngressController {
  /** ingress-nginx (retired March 2026; synthesizes with a warning naming the successors). */
  public static nginx(options: IngressNginxOptions = {}): IngressController {
    return new IngressController(IngressKind.NGINX, options);
  }

  /** Kong in DB-less mode with a Kong Ingress Controller that brackets IPv6 targets. */
  public static kong(options: KongIngressOptions = {}): IngressController {
    return new IngressController(IngressKind.KONG, options);
  }

  /** A dual-stack Gateway API Gateway on Envoy Gateway (the successor to ingress-nginx). */
  public static gateway(options: DualStackGatewayOptions = {}): IngressController {
    return new IngressController(IngressKind.GATEWAY, options);
  }

  public readonly kind: IngressKind;
  public readonly options: IngressNginxOptions | KongIngressOptions | DualStackGatewayOptions;

  private constructor(kind: IngressKind, options: IngressNginxOptions | KongIngressOptions | DualStackGatewayOptions) {
    this.kind = kind;
    this.options = { ...options };
  }
}
