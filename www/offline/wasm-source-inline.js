// The offline file's wasm source (bundled as ./wasm-source.js by `cargo xtask assemble`): a page
// opened from disk (file://) may not fetch, so the wasm travels inside the page, gzipped and
// base64-encoded (./wasm.gz, written at build and imported as base64 text by esbuild), and the
// browser's own DecompressionStream unpacks it: no decompressor is shipped.

import WASM_GZIP_BASE64 from './wasm.gz';

/** Where the wasm comes from, for the console. */
export const WASM_SOURCE_NAME = 'the wasm inside this file';

/** The wasm's response, unpacked from this file as it is read. */
export async function wasmSource() {
  if (typeof DecompressionStream !== 'function') {
    throw new Error('this browser cannot unpack the checker (it has no DecompressionStream); a recent browser can');
  }
  const gzip = Uint8Array.from(atob(WASM_GZIP_BASE64), (c) => c.charCodeAt(0));
  const wasm = new Blob([gzip]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(wasm, { headers: { 'content-type': 'application/wasm' } });
}
