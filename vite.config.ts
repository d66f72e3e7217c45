import { defineConfig } from 'vite'
import type { LibraryOptions } from 'vite'

// Library builds from one config, one per mode (`vite build --mode …`), because Vite's library mode
// cannot emit an IIFE from several entries:
// - esm: `candor.mjs` for bundlers; nanostores stays a dependency, `decide` becomes a chunk;
// - iife: `candor.js` for the script tag, everything that runs on every page view;
// - decide: `candor-decide.js`, the validator and decision writer `candor.js` imports on demand.
const builds = {
  esm: { entry: 'src/core/index.ts', formats: ['es'] as LibraryOptions['formats'], fileName: () => 'candor.mjs' },
  iife: { entry: 'src/core/script.ts', formats: ['iife'] as LibraryOptions['formats'], name: 'candorScript', fileName: () => 'candor.js' },
  decide: { entry: 'src/core/decide.ts', formats: ['es'] as LibraryOptions['formats'], fileName: () => 'candor-decide.js' }
} satisfies { [mode: string]: LibraryOptions }

export default defineConfig(({ mode }) => ({
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    target: 'es2020',
    emptyOutDir: false,
    // Terser squeezes about 3 % more than the default minifier out of the size-budgeted core.
    minify: mode === 'esm' ? false : 'terser',
    terserOptions: { compress: { passes: 3, unsafe_arrows: true, pure_getters: true }, mangle: { toplevel: true } },
    sourcemap: true,
    lib: builds[mode as keyof typeof builds],
    rollupOptions: {
      external: mode === 'esm' ? ['nanostores'] : [],
      output: { chunkFileNames: 'candor-[name].mjs' }
    }
  }
}))
