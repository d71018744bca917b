export * from './mode';
export * from './node-port-addresses';
export * from './render';
export * from './kube-proxy';
export { proxyEnvironmentFindings } from '../plan/rules/proxy-environment';
export type { ProxyEnvironmentOptions } from '../plan/rules/proxy-environment';
export * from './document-findings';
