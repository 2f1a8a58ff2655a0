import assert from 'node:assert/strict';
import { test } from 'node:test';
import { glueFactory } from './glue-factory.mjs';

test('the glue becomes a factory with every export', () => {
  const glue =
    'export class Widget {\n}\nexport function evaluate(a) {\n}\nlet wasm;\nasync function __wbg_init(m) {\n}\nexport { initSync, __wbg_init as default };\n';
  const factory = glueFactory(glue);
  assert.ok(factory.startsWith('export function createInstance() {\nclass Widget {'));
  assert.ok(factory.includes('\nfunction evaluate(a) {'));
  assert.ok(factory.endsWith('return { Widget, evaluate, initSync, init: __wbg_init };\n}\n'));
  assert.equal(factory.match(/export/g).length, 1);
  assert.throws(() => glueFactory('export const x = 1;\n'), /an export this build cannot wrap/);
});
