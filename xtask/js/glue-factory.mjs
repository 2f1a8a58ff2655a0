// The wasm-bindgen glue as a factory, for `cargo xtask assemble`: node xtask/js/glue-factory.mjs
// GLUE OUT. `createInstance()` returns the glue's exports with a state of their own each time it
// is called, so that the loader can start a fresh wasm instance after a trap (the generated
// module holds one instance in module-level variables). Every `export` of the generated module
// becomes a property of the returned object (`__wbg_init as default` as `init`); any other form
// of export is refused.

import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DECLARATIONS = ['export class ', 'export function ', 'export async function '];

/** The factory module's text for the glue module's text; throws on an export it cannot wrap. */
export function glueFactory(glue) {
  let body = '';
  const exported = [];
  const lines = glue.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  for (const line of lines) {
    const declaration = DECLARATIONS.find((prefix) => line.startsWith(prefix));
    if (declaration) {
      exported.push(line.slice(declaration.length).match(/^[\w$]*/)[0]);
      body += `${line.slice('export '.length)}\n`;
    } else if (line.startsWith('export {')) {
      const list = line.slice('export {'.length).trimEnd().replace(/;+$/, '').replace(/\}+$/, '');
      const items = list.split(',').map((item) => item.trim());
      for (const item of items.filter((item) => item !== '')) {
        const [local, name] = item.split(' as ');
        exported.push(name === undefined ? item : name === 'default' ? `init: ${local}` : `${name}: ${local}`);
      }
    } else if (line.trimStart().startsWith('export ')) {
      throw new Error(`the wasm-bindgen glue has an export this build cannot wrap: ${line}`);
    } else {
      body += `${line}\n`;
    }
  }
  return `export function createInstance() {\n${body}return { ${exported.join(', ')} };\n}\n`;
}

// Run as a script, not imported (its test imports it): real paths, so a symlink to it runs it too.
if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  const [glue, out] = process.argv.slice(2);
  try {
    writeFileSync(out, glueFactory(readFileSync(glue, 'utf8')));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
