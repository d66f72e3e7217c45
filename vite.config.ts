import { defineConfig } from 'vite'

// Two library builds from one config (`vite build --mode iife|esm`): Vite's library mode cannot
// emit an IIFE from several entries, and the script-tag build must bundle nanostores while the
// ESM build leaves it to the app's bundler.
export default defineConfig(({ mode }) => {
  let iife = mode === 'iife'
  return {
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      target: 'es2020',
      emptyOutDir: false,
      minify: iife,
      sourcemap: true,
      lib: iife
        ? { entry: 'src/core/script.ts', formats: ['iife'], name: 'candorScript', fileName: () => 'candor.js' }
        : { entry: 'src/core/index.ts', formats: ['es'], fileName: () => 'candor.mjs' },
      rollupOptions: { external: iife ? [] : ['nanostores'] }
    }
  }
})
