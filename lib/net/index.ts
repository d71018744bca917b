export { NetParseError, quote } from './errors';
export * from './address';
export * from './cidr';
export * from './special';
export * from './ula';
export * from './host-port';
export * from './interface-address';
