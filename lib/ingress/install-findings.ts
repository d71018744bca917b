/** The findings of installing an ingress controller (pure: the constructs and `clusterFindings` share them). */
import type { Finding } from '../plan/findings';
import type { ClusterNetwork } from '../plan/network';
import { ingressNginxFindings, kongFindings, NodePortClaim, nodePortFindings, serviceFamilyFindings } from './rules';
import { DEFAULT_NODE_PORTS, ServiceExposure } from './common';
import type { IngressNginxOptions } from './render-ingress-nginx';
import type { KongIngressOptions } from './render-kong';
import { KONG_INGRESS_CONTROLLER_VERSION } from './versions';

/** The nodePorts an exposed controller claims (cluster-wide: two controllers must not share one), or none. */
export function nodePortClaimOf(options: { readonly exposure?: ServiceExposure; readonly nodePorts?: { readonly http?: number; readonly https?: number } }, path: string): NodePortClaim | undefined {
  if ((options.exposure ?? ServiceExposure.NODE_PORT) !== ServiceExposure.NODE_PORT) return undefined;
  return { path: `${path}.nodePorts`, ports: { ...(options.nodePorts ?? DEFAULT_NODE_PORTS) } };
}

/** The findings of an ingress-nginx install: retirement, Kubernetes floor, Service families, nodePorts. */
export function ingressNginxInstallFindings(network: ClusterNetwork, options: IngressNginxOptions, path = 'ingressNginx'): Finding[] {
  const exposure = options.exposure ?? ServiceExposure.NODE_PORT;
  return [
    ...ingressNginxFindings(network, options, path),
    ...serviceFamilyFindings(network, options, `${path}.service.spec`),
    ...(exposure === ServiceExposure.NODE_PORT ? nodePortFindings([{ path: `${path}.nodePorts`, ports: { ...(options.nodePorts ?? DEFAULT_NODE_PORTS) } }]) : []),
  ];
}

export function kongInstallFindings(network: ClusterNetwork, options: KongIngressOptions, path = 'kong'): Finding[] {
  const exposure = options.exposure ?? ServiceExposure.NODE_PORT;
  return [
    ...kongFindings(network, { controllerVersion: options.controllerVersion ?? KONG_INGRESS_CONTROLLER_VERSION, gatewayVersion: options.gatewayVersion }, path),
    ...serviceFamilyFindings(network, options, `${path}.service.spec`),
    ...(exposure === ServiceExposure.NODE_PORT ? nodePortFindings([{ path: `${path}.nodePorts`, ports: { ...(options.nodePorts ?? DEFAULT_NODE_PORTS) } }]) : []),
  ];
}
