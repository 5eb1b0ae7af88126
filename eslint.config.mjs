import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const VSCODE_PATH = { name: 'vscode', message: 'Core code runs in plain Node: put VS Code code in the feature\'s vscode/ folder.', allowTypeImports: false };
const TRANSPORT_PATHS = ['dockerode', 'docker-modem'].map((name) => ({
  name,
  message: 'Talk to the engine through EngineClient (src/engine/engineClient.ts); only src/engine knows the transport.',
  allowTypeImports: false,
}));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'media/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    // node:test's describe/it return promises that the runner itself awaits.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] },
      ],
    },
  },
  // Two rules share no-restricted-imports, and a later block replaces an earlier one's options, so each
  // block below lists every path its files may not import.
  {
    // The engine's transport stays behind EngineClient: outside src/engine nothing names dockerode.
    files: ['src/**/*.ts'],
    ignores: ['src/engine/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [...TRANSPORT_PATHS] }],
    },
  },
  {
    // Each feature's core runs in plain Node (engine tests, benchmarks, workers): only its vscode/
    // folder, src/workbench (shared VS Code-side plumbing) and src/extension.ts may import vscode.
    files: ['src/**/*.ts'],
    ignores: ['src/**/vscode/**', 'src/workbench/**', 'src/extension.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [VSCODE_PATH] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/vscode/**', 'src/workbench/**', 'src/extension.ts', 'src/engine/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [VSCODE_PATH, ...TRANSPORT_PATHS] }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
