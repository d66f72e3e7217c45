import { minify } from 'terser'
import type { MinifyOptions } from 'terser'
import { defineConfig } from 'vite'
import type { LibraryOptions, Plugin } from 'vite'

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

// V8's explicit compile hint (Chrome 136): most functions in each shipped file run as it loads, so
// V8 compiles them at once instead of pre-parsing them and parsing them again when first called; in
// the benchmark this took a fifth off Candor's script time. Other engines read a comment.
const HINT = '//# allFunctionsCalledOnLoad\n'

/**
 * Terser over every shipped file, behind the compile hint. Vite's own minify step leaves whitespace
 * and pure annotations in ES-format library output (for bundlers to tree-shake), but
 * `candor-decide.js` and `candor-ui.js` go to browsers as they are, and their bytes are budgeted.
 */
const squeeze = (mode: string): Plugin => {
  let options: MinifyOptions = {
    module: builds[mode as keyof typeof builds].formats?.[0] == 'es',
    compress: { passes: 3, unsafe_arrows: true, pure_getters: true },
    // preact's internal fields (`__k`, `__e`, …, and the bare `__`) shortened further: preact is
    // bundled whole into candor-ui.js, and nothing outside that file reads them.
    mangle: { toplevel: true, ...(mode == 'ui' && { properties: { regex: /^__[A-Za-z]?$/ } }) },
    format: { comments: false }
  }
  return {
    name: 'squeeze',
    enforce: 'post',
    async generateBundle(_, bundle) {
      for (let file of Object.values(bundle)) {
        if (file.type != 'chunk') continue
        let out = await minify(file.code, options)
        file.code = HINT + out.code!
      }
    }
  }
}

export default defineConfig(({ mode }) => ({
  plugins: mode == 'esm' ? [] : [squeeze(mode)],
  define: { 'process.env.NODE_ENV': '"production"' },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'es2022',
    emptyOutDir: false,
    minify: false,
    // No source maps for the shipped files: they would describe the code before terser ran.
    sourcemap: mode == 'esm',
    lib: builds[mode as keyof typeof builds],
    rollupOptions: {
      // The ESM build reaches the UI at run time as its sibling file, like the script tag does.
      external: mode === 'esm' ? ['nanostores', './candor-ui.js'] : [],
      // The ESM build's chunks: the lazily loaded part, and the modules both entries share.
      output: { chunkFileNames: (chunk: { name: string }) => (chunk.name == 'decide' ? 'candor-decide.mjs' : 'candor-shared.mjs') }
    }
  }
}))
