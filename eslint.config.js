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
    // CommonJS preloads for command-line tools (scripts/*.cjs).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
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
  ...importRules(),
);

/**
 * The architecture's import rules (docs/architecture.md), enforced in `npm test` by this lint step and
 * proven by tests/unit/importRules.test.ts. The arrows point one way: the hosts (main/electron, main/preview)
 * → backend → kiosk → content, config, files → common. Nothing imports a host, only
 * the Electron host imports Electron, and the renderer imports only the contract (main/common).
 */
function importRules() {
  const electronPackage = {
    group: ['electron', 'electron/*', 'electron-log', 'electron-log/*'],
    message:
      'Only the Electron host (main/electron/) may import Electron; keep this code runnable in plain Node.',
  };
  const host = (name) => ({
    group: [`**/${name}/*`, `./${name}/*`],
    message: `Nothing imports the ${name} host (main/${name}/): move what you need into the backend, kiosk or contract.`,
  });
  const folder = (name, why) => ({ group: [`../${name}/*`, `**/main/${name}/*`], message: why });
  const rule = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });
  const notBackend = folder('backend', 'The backend builds on this folder, not the other way round.');
  const notKiosk = folder('kiosk', 'Kiosk policies build on content and settings, not the other way round.');
  return [
    // scripts/ and tests/ start the preview host (that is what it is for); nothing starts the Electron host.
    rule(['**/*.{ts,tsx,js}'], [host('electron')]),
    rule(['main/**'], [host('electron'), host('preview')]),
    rule(['main/electron/**'], [host('preview')]),
    rule(['main/preview/**'], [host('electron'), electronPackage]),
    rule(['main/backend/**'], [host('electron'), host('preview'), electronPackage]),
    rule(['main/kiosk/**'], [host('electron'), host('preview'), electronPackage, notBackend]),
    // The analytics store and its queries: plain Node (node:sqlite), like the kiosk policies.
    rule(['main/analytics/**'], [host('electron'), host('preview'), electronPackage, notBackend]),
    // Content packages (publish, verify, install): plain Node, below the backend like the kiosk policies.
    rule(['main/packages/**'], [host('electron'), host('preview'), electronPackage, notBackend]),
    // The exhibit editor's core: plain Node over content, settings and files; its routes live in the backend.
    rule(['main/editor/**'], [host('electron'), host('preview'), electronPackage, notBackend]),
    rule(
      ['main/content/**', 'main/config/**', 'main/files/**'],
      [host('electron'), host('preview'), electronPackage, notBackend, notKiosk],
    ),
    rule(
      ['main/common/**'],
      [
        {
          group: ['../*', 'node:*', 'electron', 'electron/*', 'react', 'react-dom', 'zustand'],
          message: 'The contract (main/common/) is shared by both processes: it imports only itself and zod.',
        },
      ],
    ),
    rule(
      ['renderer/**'],
      [
        host('electron'),
        host('preview'),
        {
          group: ['**/main/**', '!**/main/common', '!**/main/common/**'],
          message: 'The renderer imports nothing from main/ but the contract (main/common/).',
        },
        {
          group: ['node:*', 'electron', 'electron/*'],
          message: 'The renderer runs in the page: no Node, no Electron.',
        },
        {
          group: ['**/main/common/analytics'],
          allowTypeImports: true,
          message:
            'The analytics event schema brings zod (about 80 KB) into the kiosk page: import its types only (import type), and MAX_EVENTS_PER_BATCH from main/common/analyticsBatch.',
        },
      ],
    ),
    // Renderer unit tests may read fixtures from disk; they still import only the contract from main/.
    rule(
      ['renderer/**/*.test.{ts,tsx}'],
      [
        host('electron'),
        host('preview'),
        {
          group: ['**/main/**', '!**/main/common', '!**/main/common/**'],
          message: 'The renderer imports nothing from main/ but the contract (main/common/).',
        },
      ],
    ),
  ];
}

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
