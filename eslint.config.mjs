// Lint rules that carry design decisions, not style: the core must run in Node, a worker,
// the CLI and tests alike, so it may import neither `vscode` nor anything of the DOM.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // What goes wrong is said in the "GenMath" output channel through an injected Logger
    // (src/shared/logger.ts); the CLI writes through its CliIO. Nothing writes to the console.
    files: ['src/**/*.ts'],
    rules: {
      'no-console': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/shared/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The core runs outside VS Code: pass what it needs in through a small interface.' }],
        patterns: [{ group: ['**/host/**', '**/webview-ui/**'], message: 'The core does not depend on the host or the panel.' }],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'HTMLElement', 'localStorage'],
    },
  },
  {
    // Worker threads have no VS Code API and no DOM; they may use host modules that need neither
    // (MathJax's renderer, the explain content builder).
    files: ['src/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Worker threads have no VS Code API: the host passes them what they need.' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'HTMLElement', 'localStorage'],
    },
  },
);
