// The embed's wasm source (bundled as ./wasm-source.js by `cargo xtask assemble`): the wasm next to
// the bundle, pinned by its SRI hash (WASM_INTEGRITY, set at build), so one hash on the script
// tag pins both files.

const WASM_URL = new URL('b12-cramp-check_bg.wasm', import.meta.url);

/** Where the wasm comes from, for the console. */
export const WASM_SOURCE_NAME = WASM_URL.href;

/** The wasm's response: the file next to the bundle, checked against its SRI hash. */
export function wasmSource() {
  return fetch(WASM_URL, { integrity: WASM_INTEGRITY }).catch((error) => {
    // A fetch refused before any response says only "Failed to fetch"; the browser's own
    // console line before the checker's says which of these it was.
    throw new Error(
      `the wasm file could not be fetched (${WASM_SOURCE_NAME}): the network, CORS, the page's connect-src or an SRI check refused it (${error?.message ?? error})`,
    );
  });
}
