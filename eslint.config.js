// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'editor/dist/**', 'data/**', 'test/e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'max-params': ['error', 3],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // Tests read loosely typed JSON from the API and use table-driven callbacks.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'max-params': 'off' },
  },
  {
    // The editor may use the engine's schemas, but not the Node-only template engine behind engine/template/index.ts.
    files: ['editor/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**'], message: 'the editor talks to the server over HTTP only.' },
            {
              regex: 'engine/template(/(index|template-engine|sandbox-[a-z-]+|filters[a-z/-]*)\\.ts)?$',
              message: 'the template engine is Node-only; import engine/template/template-parameters.ts for parameters.',
            },
          ],
        },
      ],
    },
  },
  {
    // The engine is pure: it may not reach into the process (server) or the UI (editor).
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '**/server', '**/editor/**', '**/editor'], message: 'engine/ must not import server/ or editor/: pass I/O in as ports.' },
            { group: ['node:sqlite', 'fastify', 'undici', 'mongodb', 'agenda'], message: 'engine/ is pure: infrastructure belongs in server/.' },
          ],
        },
      ],
    },
  },
);
