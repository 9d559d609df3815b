// Entry of the `sobriete` package: loads the WebAssembly module once, with a
// top-level await, so `import { Referential } from 'sobriete'` is all a
// browser (<script type="module">) or Node.js (ESM) needs.
import init from './sobriete.js';

export * from './sobriete.js';
export { SobrieteError, ValidationError, ArgumentError } from './@ERRORS@';

const wasm = new URL('./sobriete_bg.wasm', import.meta.url);
if (wasm.protocol === 'file:') {
  // Node.js: fetch() cannot read files.
  const { readFile } = await import('node:fs/promises');
  await init({ module_or_path: await readFile(wasm) });
} else {
  await init({ module_or_path: wasm });
}
