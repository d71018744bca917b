export * from './options';
export * from './values';
export * from './keys';
export * from './rules';
export * from './prop-types';
