import type { IIngressController } from './ingress/choice';
import { GatewayChoice, KongChoice, NginxChoice } from './ingress/choices';
import type { DualStackGatewayOptions } from './ingress/render-gateway';
import type { IngressNginxOptions } from './ingress/render-ingress-nginx';
import type { KongIngressOptions } from './ingress/render-kong';

export { IngressKind } from './ingress/choices';
export type { IIngressController, IngressBinding, IngressRoute } from './ingress/choice';

/**
 * The ingress choices for `DualStackCluster`: `IngressController.nginx({...})`,
 * `IngressController.kong({...})` or `IngressController.gateway({...})`, each an `IIngressController`.
 * The one place that names the implementations.
 */
export class IngressController {
  /** ingress-nginx (retired March 2026; synthesizes with a warning naming the successors). */
  public static nginx(options: IngressNginxOptions = {}): IIngressController {
    return new NginxChoice(options);
  }

  /** Kong in DB-less mode with a Kong Ingress Controller that brackets IPv6 targets. */
  public static kong(options: KongIngressOptions = {}): IIngressController {
    return new KongChoice(options);
  }

  /** A dual-stack Gateway API Gateway on Envoy Gateway (the successor to ingress-nginx). */
  public static gateway(options: DualStackGatewayOptions = {}): IIngressController {
    return new GatewayChoice(options);
  }

  private constructor() {}
}
