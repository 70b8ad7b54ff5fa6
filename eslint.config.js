// Lint rules for the whole repo: typescript-eslint's recommended set, React hooks rules for the UI,
// The layering of src/ (React only in the UI, one-way imports) is checked by dependency-cruiser
// (.dependency-cruiser.cjs), which `npm run lint` also runs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist',
      'public',
      'node_modules',
      'test-results',
      'playwright-report',
      'scripts/fixtures',
      'src/bench/run-record-validator.generated.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
