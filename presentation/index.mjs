// @trackscope/presentation: how the front ends say what the core decided (see README.md).
export * from './text.mjs';
export * from './words.mjs';
export * from './model.mjs';
export * from './csv.mjs';
