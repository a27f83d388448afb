import { defineConfig } from 'vitest/config'
import path from 'node:path'

const alias = {
  '@': path.resolve(import.meta.dirname),
  // Next's `server-only` guard throws outside the react-server condition; tests import server modules directly.
  'server-only': path.resolve(import.meta.dirname, 'server/test/empty.ts'),
}

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['server/**/*.test.ts', 'components/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/*.fault.test.ts', 'node_modules/**'],
          environment: 'node',
          setupFiles: ['server/test/clock-shift.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['server/**/*.int.test.ts'],
          environment: 'node',
          globalSetup: ['server/test/global-setup.ts'],
          setupFiles: ['server/test/clock-shift.ts', 'server/test/setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Two cores: files run in two forks; each file makes its own data with unique names.
          pool: 'forks',
          maxWorkers: process.env.EMBEDDED_DATABASE ? 1 : 2,
          // next-auth imports 'next/server' without an extension (Node's ESM resolver refuses it): bundled by Vite.
          server: { deps: { inline: ['next-auth'] } },
        },
      },
      {
        resolve: { alias },
        test: {
          // Fault tests (server/test/fault): their own throwaway PostgreSQL per file; one file at a time.
          name: 'fault',
          sequence: { groupOrder: 2 },
          include: ['server/test/fault/*.fault.test.ts'],
          environment: 'node',
          globalSetup: ['server/test/fault/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          pool: 'forks',
          maxWorkers: 1,
          fileParallelism: false,
        },
      },
    ],
  },
})
