export * from './versions';
export * from './common';
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
} from '../plan/rules/ingress';
export type { NodePortClaim, KongRuleOptions, IngressNginxRuleOptions } from '../plan/rules/ingress';
