export * from './options';
export * from './values';
export * from './keys';
export * from './rules';
export { ciliumPropTypeFindings } from './prop-types';
