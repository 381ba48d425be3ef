// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';
import globals from 'globals';
import { builtinModules } from 'node:module';

/**
 * Layer rules (ARCHITECTURE.md): each folder is named for the process it runs in, and may import
 * only what that process has. A test (tests/unit/lint) proves a forbidden import fails.
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nativeAndNode = ['better-sqlite3', 'node-hid', 'serialport', 'ws', 'iconv-lite'];
const folder = (name) => [`**/${name}/**`, `../${name}/*`, `../../${name}/*`, `../../../${name}/*`, `../${name}`, `../../${name}`];

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
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'test-results/**', 'playwright-report/**', '.data/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module', extraFileExtensions: ['.vue'] } },
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
      [...folder('main'), ...folder('devices'), ...folder('renderer'), ...folder('central'), ...folder('preload')],
      'common/ runs anywhere: it imports nothing of the other layers, no Node built-ins and no native modules.',
    ),
  },
  {
    files: ['devices/**'],
    rules: restrict(['electron', 'vue', 'element-plus'], [...folder('main'), ...folder('renderer'), ...folder('central'), ...folder('preload')], 'devices/ is Node only and never imports electron or the app layers.'),
  },
  {
    files: ['main/**'],
    ignores: ['main/electron/**'],
    rules: restrict(['electron', 'vue', 'element-plus'], [...folder('renderer'), ...folder('preload')], 'Only main/electron/ may import electron; main/ never imports the renderer.'),
  },
  {
    files: ['main/electron/**'],
    rules: restrict(['vue', 'element-plus'], [...folder('renderer')], 'main/electron/ never imports the renderer.'),
  },
  {
    files: ['central/**'],
    rules: restrict(['electron', 'vue', 'element-plus'], [...folder('renderer'), ...folder('preload'), ...folder('devices'), '**/main/electron/**'], 'central/ is a Node server: no electron, no renderer, no devices.'),
  },
  {
    files: ['preload/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, ...nativeAndNode].map((name) => ({ name, message: 'preload/ runs sandboxed: contextBridge only.' })),
          patterns: [
            { group: [...folder('common')], allowTypeImports: true, message: 'preload/ may import only types from common/.' },
            { group: [...folder('main'), ...folder('devices'), ...folder('renderer'), ...folder('central')], message: 'preload/ runs sandboxed: contextBridge only.' },
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
      [...folder('main'), ...folder('devices'), ...folder('central'), ...folder('preload')],
      'renderer/ runs in the browser: never node:*, electron or native modules; talk to the station through the API client.',
    ),
  },
);
