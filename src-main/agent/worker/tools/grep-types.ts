// Grep's `type` filter: the common file types of ripgrep's built-in table (`rg --type-list`),
// by the same names, so `type: "py"` or `type: "rust"` means what it means to rg.
import { compileGlob } from './glob-match.js';

const TYPES: Record<string, readonly string[]> = {
  c: ['*.[chH]', '*.[chH].in', '*.cats'],
  cpp: ['*.[ChH]', '*.cc', '*.[ch]pp', '*.[ch]xx', '*.hh', '*.inl', '*.[ChH].in', '*.cc.in', '*.[ch]pp.in', '*.[ch]xx.in', '*.hh.in'],
  cs: ['*.cs'],
  css: ['*.css', '*.scss'],
  csv: ['*.csv'],
  dart: ['*.dart'],
  docker: ['*Dockerfile*'],
  elixir: ['*.ex', '*.eex', '*.exs', '*.heex', '*.leex', '*.livemd'],
  erlang: ['*.erl', '*.hrl'],
  go: ['*.go'],
  h: ['*.h', '*.hh', '*.hpp'],
  haskell: ['*.hs', '*.lhs', '*.cpphs', '*.c2hs', '*.hsc'],
  html: ['*.htm', '*.html', '*.ejs'],
  java: ['*.java', '*.jsp', '*.jspx', '*.properties'],
  js: ['*.js', '*.jsx', '*.vue', '*.cjs', '*.mjs'],
  json: ['*.json', 'composer.lock', '*.sarif'],
  jsonl: ['*.jsonl'],
  kotlin: ['*.kt', '*.kts'],
  lua: ['*.lua'],
  make: ['[Gg][Nn][Uu]makefile', '[Mm]akefile', '[Gg][Nn][Uu]makefile.am', '[Mm]akefile.am', '[Gg][Nn][Uu]makefile.in', '[Mm]akefile.in', '*.mk', '*.mak'],
  markdown: ['*.markdown', '*.md', '*.mdown', '*.mdwn', '*.mkd', '*.mkdn', '*.mdx'],
  md: ['*.markdown', '*.md', '*.mdown', '*.mdwn', '*.mkd', '*.mkdn', '*.mdx'],
  php: ['*.php', '*.php3', '*.php4', '*.php5', '*.php7', '*.php8', '*.pht', '*.phtml'],
  proto: ['*.proto'],
  py: ['*.py', '*.pyi'],
  r: ['*.R', '*.r', '*.Rmd', '*.Rnw'],
  ruby: ['Gemfile', '*.gemspec', '.irbrc', 'Rakefile', '*.rb', '*.rbw'],
  rust: ['*.rs'],
  scala: ['*.scala', '*.sbt'],
  sh: ['*.bash', '*.bashrc', '.bash_*', '.profile', '*.zsh', '.zshrc', '.zprofile', '.zlogin', '.zlogout', '.zshenv', '*.sh'],
  sql: ['*.sql', '*.psql'],
  svelte: ['*.svelte'],
  swift: ['*.swift'],
  toml: ['*.toml', 'Cargo.lock'],
  ts: ['*.ts', '*.tsx', '*.cts', '*.mts'],
  txt: ['*.txt'],
  vue: ['*.vue'],
  xml: ['*.xml', '*.xml.dist', '*.dtd', '*.xsl', '*.xslt', '*.xsd', '*.xjb', '*.rng', '*.sch', '*.xhtml'],
  yaml: ['*.yaml', '*.yml'],
  zig: ['*.zig'],
};

export const GREP_TYPE_NAMES = Object.keys(TYPES);

/** A test on a file's base name for rg type `name`, or undefined when rg has no such type here. */
export function typeMatcher(name: string): ((basename: string) => boolean) | undefined {
  const globs = TYPES[name];
  if (!globs) return undefined;
  const tests = globs.map((g) => compileGlob(g));
  return (basename) => tests.some((t) => t.test(basename));
}
