export * from './options';
export * from './values';
export * from './keys';
