import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/core/**/*.test.ts', 'test/ui/**/*.test.ts', 'test/receiver/**/*.test.ts', 'test/*.test.ts', 'test/hardening/**/*.test.ts'],
    environment: 'happy-dom',
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/unit.json' }
  }
})
