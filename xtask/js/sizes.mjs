// The raw and brotli sizes of the files in a folder and their brotli total, for `cargo xtask
// dist` and the size budget of `cargo xtask test`: node xtask/js/sizes.mjs DIR [BUDGET]. Exits
// with 1 when the folder has no file, or when a budget (bytes, brotli) is given and the total
// exceeds it or the folder lacks a script (.js) or a wasm (.wasm): a budget over a missing or
// half-built embed would pass by measuring nothing. Brotli through Node's zlib at its best
// quality: no other tool to install.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const [dir, budget] = process.argv.slice(2);
let total = 0;
const measured = [];
for (const name of readdirSync(dir).sort()) {
  const path = join(dir, name);
  if (!statSync(path).isFile()) continue;
  measured.push(name);
  const bytes = readFileSync(path);
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  total += brotli;
  console.log(`${name.padEnd(44)} ${String(bytes.length).padStart(9)} B  ${String(brotli).padStart(8)} B brotli`);
}
const lacking = budget ? ['.js', '.wasm'].filter((ext) => !measured.some((name) => name.endsWith(ext))) : [];
if (measured.length === 0 || lacking.length > 0) {
  const missing = measured.length === 0 ? 'no file' : `no ${lacking.join(' and no ')} file`;
  console.error(`${dir} has ${missing} to measure: build it first (cargo xtask dist)`);
  process.exit(1);
}
const limit = budget ? ` (budget ${budget} B)` : '';
console.log(`${'total'.padEnd(44)} ${''.padStart(9)}    ${String(total).padStart(8)} B brotli${limit}`);
if (budget && total > Number(budget)) {
  console.error(`over the size budget by ${total - budget} B`);
  process.exit(1);
}
