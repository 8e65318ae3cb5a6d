// Layer borders (see DESIGN.md "Rules of the house"), enforced like VS Code's layer rule:
// only src-main/electron/ may import 'electron'; the renderer never reaches Node.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './scripts/eslint-layers.mjs';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
const electronBan = {
  name: 'electron',
  message: "Only src-main/electron/ may import 'electron' (DESIGN.md). Pass what you need in from there.",
};
const electronSubpaths = { group: ['electron/*'], message: electronBan.message };
const rendererBan = { group: ['**/src-renderer/**'], message: 'The backend never imports renderer code.' };

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'dist-renderer/**', 'release/**', 'e2e-artifacts/**', 'test-results/**', '.tmp/**', 'reports/**'],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // A file URL's pathname keeps %20 and %C3%B8 and gives /C:/ on Windows (issue 20).
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='pathname']:has(MetaProperty)", message: 'Use fileURLToPath(new URL(..., import.meta.url)), not .pathname.' },
      ],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronBan], patterns: [electronSubpaths, rendererBan] }],
    },
  },
  {
    // Which src-main folder may import which: the table is in scripts/eslint-layers.mjs.
    files: ['src-main/**/*.ts'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/import-layers': 'error' },
  },
  {
    files: ['src-main/electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [rendererBan] }] },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*.{ts,mjs}'],
    ignores: ['e2e/electron/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronBan], patterns: [electronSubpaths] }] },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan, ...nodeBuiltins.map((name) => ({ name, message: 'The renderer never imports Node modules; use the API contract.' }))],
          patterns: [
            { group: ['node:*'], message: 'The renderer never imports Node modules; use the API contract.' },
            // A regex, not a glob: gitignore-style negations never match "../"-relative specifiers.
            { regex: '(^|/)src-main/(?!shared/api(\\.ts|\\.js)?$)', message: 'The renderer reaches the backend only through src-main/shared/api.ts.' },
          ],
        },
      ],
    },
  },
);
