export * from './net';
export * from './plan';
