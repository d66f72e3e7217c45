import { defineConfig } from 'vite'
import type { LibraryOptions } from 'vite'

// Library builds from one config, one per mode (`vite build --mode …`), because Vite's library mode
// cannot emit an IIFE from several entries:
// - esm: `candor.mjs` for bundlers, and `vendors.mjs` with the vendor adapters to pass to init();
//   nanostores stays a dependency, `decide` becomes a chunk;
// - iife: `candor.js` for the script tag, everything that runs on every page view;
// - full: `candor-full.js`, the same with the Matomo, Meta Pixel and Microsoft UET adapters;
// - decide: `candor-decide.js`, the validator and decision writer `candor.js` imports on demand;
// - ui: `candor-ui.js`, the banner and preference centre with preact bundled in, also imported on
//   demand. It is its own build because library mode would inline it into the IIFE.
const builds = {
  esm: {
    entry: { candor: 'src/core/index.ts', vendors: 'src/core/integrations/vendors.ts' },
    formats: ['es'] as LibraryOptions['formats'],
    fileName: (_: string, name: string) => name + '.mjs'
  },
  iife: { entry: 'src/core/candor.ts', formats: ['iife'] as LibraryOptions['formats'], name: 'candorScript', fileName: () => 'candor.js' },
  full: { entry: 'src/core/candor-full.ts', formats: ['iife'] as LibraryOptions['formats'], name: 'candorScript', fileName: () => 'candor-full.js' },
  decide: { entry: 'src/core/decide.ts', formats: ['es'] as LibraryOptions['formats'], fileName: () => 'candor-decide.js' },
  ui: { entry: 'src/ui/index.tsx', formats: ['es'] as LibraryOptions['formats'], fileName: () => 'candor-ui.js' }
} satisfies { [mode: string]: LibraryOptions }

export default defineConfig(({ mode }) => ({
  define: { 'process.env.NODE_ENV': '"production"' },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'es2022',
    emptyOutDir: false,
    // Terser squeezes about 3 % more than the default minifier out of the size-budgeted core.
    minify: mode === 'esm' ? false : 'terser',
    terserOptions: { compress: { passes: 3, unsafe_arrows: true, pure_getters: true }, mangle: { toplevel: true } },
    sourcemap: true,
    lib: builds[mode as keyof typeof builds],
    rollupOptions: {
      // The ESM build reaches the UI at run time as its sibling file, like the script tag does.
      external: mode === 'esm' ? ['nanostores', './candor-ui.js'] : [],
      // The ESM build's chunks: the lazily loaded part, and the modules both entries share.
      output: { chunkFileNames: (chunk: { name: string }) => (chunk.name == 'decide' ? 'candor-decide.mjs' : 'candor-shared.mjs') }
    }
  }
}))
