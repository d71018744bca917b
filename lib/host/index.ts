export * from './images';
export * from './modules';
export * from './render';
export * from './node-script';
export * from './rules';
export * from './host-network-prep';
