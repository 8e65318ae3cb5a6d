// The bash grammar permission checks parse commands with: tree-sitter-bash compiled to wasm, run
// by web-tree-sitter (both from npm, no native build). Loading wasm is asynchronous and the
// permission decision is not, so the grammar is loaded once when this module is first imported
// (top-level await) and is afterwards an immutable constant, like a compiled regex. The .wasm
// files are resolved inside node_modules: the esbuild bundle keeps packages external, so
// dist/worker.js finds them exactly as the sources do.
import { createRequire } from 'node:module';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

const require = createRequire(import.meta.url);

await Parser.init({ locateFile: () => require.resolve('web-tree-sitter/web-tree-sitter.wasm') });
const BASH = await Language.load(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));

const parser = new Parser();
parser.setLanguage(BASH);

export type { Node as SyntaxNode };

/** The syntax tree of one command line; undefined only if tree-sitter gives up entirely. */
export function parseBash(source: string): Tree | undefined {
  return parser.parse(source) ?? undefined;
}
