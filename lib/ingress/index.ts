export * from './versions';
// common.ts: only the area's public names (generic object helpers live in lib/k8s; KubeObject is exported by lib/cni).
export { ServiceExposure, DEFAULT_NODE_PORTS, listenList, wildcardAddress, loopbackAddress } from './common';
export type { NodePorts, ListenSpec } from './common';
export * from './service-families';
export * from './render-ingress';
export * from './render-ingress-nginx';
export * from './kong-crds';
export * from './render-kong';
export * from './render-gateway';
export * from './render-demo-app';
export * from './dual-stack-service';
export * from './ingress-nginx';
export * from './kong';
export * from './gateway';
export * from './demo-app';
export {
  serviceFamilyFindings,
  ingressNginxFindings,
  kongFindings,
  nodePortFindings,
  DEFAULT_NODE_PORT_RANGE,
} from './rules';
export type { NodePortClaim, KongRuleOptions, IngressNginxRuleOptions } from './rules';
