// ESLint for the console (browser ES modules) and the node test scripts. Run from the repository
// root by `scripts/test lint`: tests/js/node_modules/.bin/eslint -c tests/js/eslint.config.mjs.
import js from '@eslint/js';
import globals from 'globals';

// The console's one safety rule (web/console/lib/dom.js): nothing becomes markup or code.
const noMarkup = [
  {
    selector: "AssignmentExpression[left.property.name='innerHTML']",
    message: 'Build DOM with h() from lib/dom.js.',
  },
  {
    selector: "AssignmentExpression[left.property.name='outerHTML']",
    message: 'Build DOM with h() from lib/dom.js.',
  },
  {
    selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
    message: 'Build DOM with h() from lib/dom.js.',
  },
  {
    selector: "CallExpression[callee.property.name='createContextualFragment']",
    message: 'Build DOM with h() from lib/dom.js.',
  },
  {
    selector: "CallExpression[callee.object.name='document'][callee.property.name='write']",
    message: 'Build DOM with h() from lib/dom.js.',
  },
];

export default [
  { ignores: ['**/node_modules/**'] },
  js.configs.recommended,
  {
    files: ['web/console/**/*.js'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: globals.browser },
    rules: {
      'no-restricted-syntax': ['error', ...noMarkup],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['tests/**/*.mjs'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: globals.node },
  },
  {
    files: ['tests/browser/**/*.mjs'],
    // Functions passed to page.evaluate() run in the page.
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      'no-var': 'error',
    },
  },
];
