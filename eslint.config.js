// ESLint (flat config): typescript-eslint's type-checked recommended rules over src/ and test/, the
// plain recommended rules over the JavaScript scripts. `npm run lint` runs it (and the import floors
// check); `npm test` runs lint after the type check. A rule is switched off or eased here only with
// the reason next to it.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', '.imagegate-services/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A leading underscore marks a binding kept on purpose: a parameter a signature requires, or a
      // key dropped from an object by destructuring ({ layerKey: _key, ...rest }).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Control characters in patterns are the point: hostile names and values are checked for them
      // before they reach a terminal or a report, and binary content is told from text by them.
      'no-control-regex': 'off',
      // A callback created before the variable it reads is assigned (package-content's reader) keeps `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // A callback that passes on what it caught, or an error handed to it typed unknown, rejects with
      // that value as it came; wrapping it would change the error the caller sees.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Test doubles implement async interfaces (sources, registries, credential stores) with values at
      // hand; an `await` in them would only be there to please the rule.
      '@typescript-eslint/require-await': 'off',
      // vitest types its asymmetric matchers (expect.stringContaining, expect.objectContaining) as any,
      // so every expected object that holds one would be an "unsafe assignment".
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
);
