import type { IIngressController } from './ingress/choice';
import { GatewayChoice, IngressKind, KongChoice, NginxChoice } from './ingress/choices';
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

  /**
   * A choice by its kind (`ingress-nginx`, `kong`, `gateway-api`) and options, as a config file
   * writes it (`k8s-dualstack plan`'s `choices.ingress`).
   * @returns undefined for a kind no factory builds
   */
  public static of(kind: string, options: object = {}): IIngressController | undefined {
    const factories: Record<string, (o: object) => IIngressController> = {
      [IngressKind.NGINX]: (o) => IngressController.nginx(o as IngressNginxOptions),
      [IngressKind.KONG]: (o) => IngressController.kong(o as KongIngressOptions),
      [IngressKind.GATEWAY]: (o) => IngressController.gateway(o as DualStackGatewayOptions),
    };
    return Object.prototype.hasOwnProperty.call(factories, kind) ? factories[kind](options) : undefined;
  }

  /** The kinds `IngressController.of` builds. */
  public static readonly KINDS: readonly string[] = [IngressKind.NGINX, IngressKind.KONG, IngressKind.GATEWAY];

  private constructor() {}
}
