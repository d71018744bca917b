import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { ClusterNetwork } from '../plan/network';
import { apiObject } from './construct-util';
import { attachFindings } from '../construct-findings';
import { gatewayFindings } from './rules';
import { DualStackGatewayOptions, renderDualStackGateway, renderHttpRoute } from './render-gateway';

export interface DualStackGatewayProps extends DualStackGatewayOptions {
  readonly network: ClusterNetwork;
}

/** A route for `DualStackGateway.addHttpRoute`. */
export interface GatewayRouteOptions {
  readonly name: string;
  readonly hostnames: readonly string[];
  readonly serviceName: string;
  readonly servicePort: number;
  /** @default - the Gateway's namespace */
  readonly namespace?: string;
  /** @default "/" */
  readonly pathPrefix?: string;
}

/**
 * A dual-stack Gateway API entry point on Envoy Gateway — the successor to ingress-nginx:
 * EnvoyProxy (`ipFamily` from the plan), a GatewayClass pointing at it, a Gateway with an HTTP
 * listener, and HTTPRoutes added with `addHttpRoute`.
 *
 * Requires Envoy Gateway (≥ v1.2.0) and the Gateway API CRDs installed beforehand — this construct
 * does not render them (e.g. the envoyproxy/gateway-helm chart installs both).
 */
export class DualStackGateway extends Construct {
  /** The Gateway (named 'Resource'). */
  public readonly gateway: ApiObject;
  public readonly gatewayClass: ApiObject;
  public readonly envoyProxy: ApiObject;
  public readonly gatewayName: string;
  public readonly gatewayNamespace: string;

  constructor(scope: Construct, id: string, props: DualStackGatewayProps) {
    super(scope, id);
    const { network, ...options } = props;
    const o = renderDualStackGateway(network, options);
    attachFindings(this, () => gatewayFindings(network, options, this.node.path));
    this.envoyProxy = apiObject(this, 'EnvoyProxy', o.envoyProxy);
    this.gatewayClass = apiObject(this, 'GatewayClass', o.gatewayClass);
    this.gateway = apiObject(this, 'Resource', o.gateway);
    this.gatewayName = o.gateway.metadata.name;
    this.gatewayNamespace = o.gateway.metadata.namespace as string;
  }

  /** Route one host to one Service port through this Gateway. */
  public addHttpRoute(id: string, route: GatewayRouteOptions): ApiObject {
    return apiObject(
      this,
      id,
      renderHttpRoute({ ...route, namespace: route.namespace ?? this.gatewayNamespace, gatewayName: this.gatewayName, gatewayNamespace: route.namespace && route.namespace !== this.gatewayNamespace ? this.gatewayNamespace : undefined }),
    );
  }
}
