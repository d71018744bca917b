export * from './api-version';
export * from './feature-gates';
export * from './flags';
export * from './render-kubeadm';
export * from './render-existing';
export * from './rules';
export * from './kubeadm-document-object';
export * from './control-plane-config';
