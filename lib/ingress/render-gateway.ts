/**
 * A dual-stack Gateway API entry point on Envoy Gateway — the successor this package recommends to
 * the retired ingress-nginx.
 *
 * Why Envoy Gateway (over NGINX Gateway Fabric, the other choice with a dual-stack switch): its
 * `EnvoyProxy.spec.ipFamily: DualStack` (v1.2+, envoyproxy/gateway#4375) changes all three places
 * dual-stack breaks — the proxy Service becomes RequireDualStack, the listeners bind "::" with
 * ipv4_compat, and upstream clusters resolve both families — and the EnvoyProxy is attached to a
 * GatewayClass through the standard `parametersRef`, so the whole setting is three small objects we
 * can validate offline (strict schemas in ../shared/schemas). NGINX Gateway Fabric defaults its
 * NginxProxy to `ipFamily: dual` already, so it needs less from us but also shows less.
 *
 * NOT rendered: the Envoy Gateway controller itself and the Gateway API CRDs (a few thousand lines of
 * CRDs, a controller Deployment, webhooks and certificates, all versioned by that project). The stack
 * expects them installed beforehand, e.g. `helm install eg oci://docker.io/envoyproxy/gateway-helm
 * --version v1.9.0 -n envoy-gateway-system --create-namespace` (≥ ENVOY_GATEWAY_MIN_VERSION for
 * `ipFamily`).
 */
import type { ClusterNetwork } from '../plan/network';
import { IpFamily } from '../plan/spec';
import { KubeObject } from '../k8s/objects';
import { compact, MANAGED_BY } from './common';
import { ENVOY_GATEWAY_CONTROLLER_NAME } from './versions';

/** `EnvoyProxy.spec.ipFamily` values (gateway.envoyproxy.io/v1alpha1). */
export enum EnvoyIpFamily {
  IPV4 = 'IPv4',
  IPV6 = 'IPv6',
  DUAL_STACK = 'DualStack',
}

/** The EnvoyProxy ipFamily of a plan: DualStack when it has both families, else its one family. */
export function envoyIpFamilyOf(plan: ClusterNetwork): EnvoyIpFamily {
  if (plan.isDualStack) return EnvoyIpFamily.DUAL_STACK;
  return plan.primaryFamily === IpFamily.IPV6 ? EnvoyIpFamily.IPV6 : EnvoyIpFamily.IPV4;
}

/** Options of the Gateway objects. */
export interface DualStackGatewayOptions {
  /**
   * Namespace of the Gateway (and where its routes live unless `allowRoutesFromAllNamespaces`).
   * @default "default"
   */
  readonly namespace?: string;
  /**
   * Namespace of the EnvoyProxy the GatewayClass points at: Envoy Gateway's own namespace.
   * @default "envoy-gateway-system"
   */
  readonly envoyGatewayNamespace?: string;
  /** @default "envoy-dual-stack" */
  readonly gatewayClassName?: string;
  /** @default "dual-stack" */
  readonly gatewayName?: string;
  /**
   * How the Envoy Service is exposed (`EnvoyProxy.spec.provider.kubernetes.envoyService.type`).
   * @default "NodePort" (bare metal, as in the field report; nodePorts are allocated by the apiserver)
   */
  readonly serviceType?: 'NodePort' | 'LoadBalancer' | 'ClusterIP';
  /** @default 80 */
  readonly httpPort?: number;
  /**
   * Accept HTTPRoutes from every namespace.
   * @default false (routes from the Gateway's namespace only)
   */
  readonly allowRoutesFromAllNamespaces?: boolean;
  /**
   * The Envoy Gateway release installed in the cluster (the objects here were checked against it).
   * @default ENVOY_GATEWAY_VERSION ("v1.9.0"); another release gets a warning
   */
  readonly envoyGatewayVersion?: string;
}

export const GATEWAY_DEFAULTS = {
  namespace: 'default',
  envoyGatewayNamespace: 'envoy-gateway-system',
  gatewayClassName: 'envoy-dual-stack',
  gatewayName: 'dual-stack',
  envoyProxyName: 'dual-stack-proxy',
  serviceType: 'NodePort',
  httpPort: 80,
} as const;

export interface DualStackGatewayObjects {
  readonly envoyProxy: KubeObject;
  readonly gatewayClass: KubeObject;
  readonly gateway: KubeObject;
}

export function renderDualStackGateway(plan: ClusterNetwork, options: DualStackGatewayOptions = {}): DualStackGatewayObjects {
  const egNs = options.envoyGatewayNamespace ?? GATEWAY_DEFAULTS.envoyGatewayNamespace;
  const ns = options.namespace ?? GATEWAY_DEFAULTS.namespace;
  const className = options.gatewayClassName ?? GATEWAY_DEFAULTS.gatewayClassName;
  const labels = { 'app.kubernetes.io/name': 'dual-stack-gateway', ...MANAGED_BY };
  const ipFamily = envoyIpFamilyOf(plan);
  // Envoy Gateway writes `ipFamilies: [IPv4, IPv6]` for DualStack whatever the cluster's primary family;
  // on an IPv6-primary plan, patch the order so the Service's clusterIP is of the primary family.
  const patch =
    ipFamily === EnvoyIpFamily.DUAL_STACK && plan.primaryFamily === IpFamily.IPV6
      ? { patch: { type: 'StrategicMerge', value: { spec: { ipFamilies: [...plan.families] } } } }
      : {};
  const envoyProxy = {
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'EnvoyProxy',
    metadata: { name: GATEWAY_DEFAULTS.envoyProxyName, namespace: egNs, labels },
    spec: {
      ipFamily,
      provider: { type: 'Kubernetes', kubernetes: { envoyService: { type: options.serviceType ?? GATEWAY_DEFAULTS.serviceType, ...patch } } },
    },
  };
  const gatewayClass = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'GatewayClass',
    metadata: { name: className, labels },
    spec: {
      controllerName: ENVOY_GATEWAY_CONTROLLER_NAME,
      parametersRef: { group: 'gateway.envoyproxy.io', kind: 'EnvoyProxy', name: GATEWAY_DEFAULTS.envoyProxyName, namespace: egNs },
    },
  };
  const gateway = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: options.gatewayName ?? GATEWAY_DEFAULTS.gatewayName, namespace: ns, labels },
    spec: {
      gatewayClassName: className,
      listeners: [
        {
          name: 'http',
          protocol: 'HTTP',
          port: options.httpPort ?? GATEWAY_DEFAULTS.httpPort,
          allowedRoutes: { namespaces: { from: options.allowRoutesFromAllNamespaces ? 'All' : 'Same' } },
        },
      ],
    },
  };
  return { envoyProxy, gatewayClass, gateway };
}

/** An HTTPRoute sending one host to one Service port through a Gateway. */
export interface HttpRouteSpec {
  readonly name: string;
  /** @default - the Gateway's namespace */
  readonly namespace?: string;
  readonly hostnames: readonly string[];
  readonly serviceName: string;
  readonly servicePort: number;
  /** The Gateway to attach to. */
  readonly gatewayName: string;
  /** @default - the route's namespace */
  readonly gatewayNamespace?: string;
  /** @default "/" */
  readonly pathPrefix?: string;
}

export function renderHttpRoute(spec: HttpRouteSpec): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: compact({ name: spec.name, namespace: spec.namespace, labels: { ...MANAGED_BY } }),
    spec: {
      parentRefs: [compact({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: spec.gatewayName, namespace: spec.gatewayNamespace })],
      hostnames: [...spec.hostnames],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: spec.pathPrefix ?? '/' } }],
          backendRefs: [{ group: '', kind: 'Service', name: spec.serviceName, port: spec.servicePort }],
        },
      ],
    },
  };
}
