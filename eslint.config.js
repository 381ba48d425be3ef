// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';
import globals from 'globals';
import prettier from 'eslint-config-prettier/flat';
import { builtinModules } from 'node:module';

/**
 * Layer rules (docs/architecture.md): each folder is named for the process it runs in, and may import
 * only what that process has. main/ (the station) and central/ (the sync server) never import each
 * other: what both run lives in node/, and hall/ (the one-PC demo hall, the seed, the Electron entry)
 * sits above both. A test (tests/unit/lint) proves a forbidden import fails.
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nativeAndNode = ['better-sqlite3', 'node-hid', 'serialport', 'ws', 'iconv-lite'];
const folder = (name) => [
  `**/${name}/**`,
  `../${name}/*`,
  `../../${name}/*`,
  `../../../${name}/*`,
  `../${name}`,
  `../../${name}`,
  ...(name === 'common' ? ['@common/*'] : []),
];

const restrict = (paths, patterns, message) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message })),
      patterns: patterns.length ? [{ group: patterns, message }] : [],
    },
  ],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'release/**',
      'test-results/**',
      'playwright-report/**',
      '.data/**',
      'bench/results/**',
      'reports/**',
      '.stryker-tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: {
      parser: vueParser,
      parserOptions: { parser: tseslint.parser, sourceType: 'module', extraFileExtensions: ['.vue'] },
    },
  },
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    files: ['common/**'],
    rules: restrict(
      [...nodeBuiltins, 'electron', ...nativeAndNode, 'vue', 'element-plus'],
      [
        ...folder('main'),
        ...folder('devices'),
        ...folder('renderer'),
        ...folder('central'),
        ...folder('preload'),
        ...folder('node'),
        ...folder('hall'),
      ],
      'common/ runs anywhere: it imports nothing of the other layers, no Node built-ins and no native modules.',
    ),
  },
  {
    files: ['devices/**'],
    rules: restrict(
      ['electron', 'vue', 'element-plus'],
      [...folder('main'), ...folder('renderer'), ...folder('central'), ...folder('preload'), ...folder('hall')],
      'devices/ is Node only and never imports electron or the app layers.',
    ),
  },
  {
    files: ['node/**'],
    rules: restrict(
      ['electron', 'vue', 'element-plus'],
      [
        ...folder('main'),
        ...folder('central'),
        ...folder('devices'),
        ...folder('renderer'),
        ...folder('preload'),
        ...folder('hall'),
      ],
      'node/ is shared by the station and the central: it imports only common/ and Node.',
    ),
  },
  {
    files: ['main/**'],
    ignores: ['main/electron/**'],
    rules: restrict(
      ['electron', 'vue', 'element-plus'],
      [...folder('renderer'), ...folder('preload'), ...folder('central'), ...folder('hall')],
      'Only main/electron/ may import electron; main/ never imports the renderer, central/ or hall/ (shared code lives in node/).',
    ),
  },
  {
    files: ['main/electron/**'],
    rules: restrict(
      ['vue', 'element-plus'],
      [...folder('renderer'), ...folder('central'), ...folder('hall')],
      'main/electron/ never imports the renderer, central/ or hall/.',
    ),
  },
  {
    files: ['central/**'],
    rules: restrict(
      ['electron', 'vue', 'element-plus'],
      [...folder('renderer'), ...folder('preload'), ...folder('devices'), ...folder('main'), ...folder('hall')],
      'central/ is a Node server: no electron, no renderer, no devices, and never main/ or hall/ (shared code lives in node/).',
    ),
  },
  {
    files: ['preload/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, ...nativeAndNode].map((name) => ({
            name,
            message: 'preload/ runs sandboxed: contextBridge only.',
          })),
          patterns: [
            {
              group: [...folder('common')],
              allowTypeImports: true,
              message: 'preload/ may import only types from common/.',
            },
            {
              group: [
                ...folder('main'),
                ...folder('devices'),
                ...folder('renderer'),
                ...folder('central'),
                ...folder('node'),
                ...folder('hall'),
              ],
              message: 'preload/ runs sandboxed: contextBridge only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      [...nodeBuiltins, 'electron', ...nativeAndNode],
      [
        ...folder('main'),
        ...folder('devices'),
        ...folder('central'),
        ...folder('preload'),
        ...folder('node'),
        ...folder('hall'),
      ],
      'renderer/ runs in the browser: never node:*, electron or native modules; talk to the station through the API client.',
    ),
  },
  // Formatting is Prettier's (checked by `npm run lint`); this turns off the stylistic rules it owns.
  prettier,
);
