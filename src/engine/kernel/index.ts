export * from './types';
export * from './kernel';
export * from './rng';
export * from './assert';
export * from './trace-log';
