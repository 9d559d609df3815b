// ESLint for every JavaScript file of the repository (scripts/test-wasm.sh;
// `npm run lint` here). It runs from the repository root with
// `--config bindings-wasm/eslint.config.js`, so the globs below are relative
// to the root; its packages are this folder's devDependencies.
import js from '@eslint/js';
import globals from 'globals';

export default [
  {
    // Built or downloaded, not written here: the npm package (wasm-bindgen's
    // glue), dependencies, Cargo's output, the benchmark's generated data.
    ignores: ['bindings-wasm/pkg/', '**/node_modules/', 'target/', 'benchmarks/node/data/'],
  },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `const { dropped, ...rest } = object` is how the code leaves keys out.
      'no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // The code's own habits, kept: const where never reassigned, no var,
      // === except against null (which also matches undefined).
      'prefer-const': 'error',
      'no-var': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // The package's entry and error classes: run in browsers and Node.js alike.
    files: ['bindings-wasm/js/**/*.js'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
  },
  {
    // The web components: browsers only.
    files: ['bindings-wasm/js/components.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The demo page's script.
    files: ['bindings-wasm/demo/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tests, tools and benchmarks run under Node.js.
    files: [
      'bindings-wasm/tests/**/*.mjs',
      'bindings-wasm/scripts/**/*.mjs',
      'benchmarks/node/**/*.mjs',
      'tests/browser/**/*.mjs',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Browser tests: Node.js, plus the callbacks they hand to page.evaluate(),
    // which run in the page.
    files: ['bindings-wasm/tests/browser/**/*.mjs', 'tests/browser/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
];
