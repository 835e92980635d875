import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'tests/fixtures/**', 'media/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // A zustand selector must return what the store holds: a new array or object on every call makes React
      // render again and again (error #185, issue 10). Default outside the call: `useX((s) => s.list) ?? []`.
      // tests/unit/everyScreen.test.ts catches the forms this cannot see.
      'no-restricted-syntax': ['error', ...freshSelectorRules()],
    },
  },
);

/** The shapes of a store selector that returns a fresh reference, for no-restricted-syntax. */
function freshSelectorRules() {
  const selector = 'CallExpression[callee.name=/^use(Visit|Exhibit|[A-Z]\\w*Store)$/] > :function';
  const message =
    'A store selector returns a new array or object here on every call (React error #185, maximum update depth). Select what the store holds and default outside: useExhibit((s) => s.list) ?? [].';
  return [
    `${selector} LogicalExpression > :matches(ArrayExpression, ObjectExpression).right`,
    `${selector} > :matches(ArrayExpression, ObjectExpression).body`,
    `${selector} ConditionalExpression > :matches(ArrayExpression, ObjectExpression)`,
    `${selector} CallExpression[callee.property.name=/^(map|filter|slice|concat|flatMap|toSorted|toReversed|toSpliced)$/]`,
  ].map((s) => ({ selector: s, message }));
}
