// Code blocks on a phone, by size (rules from the research seed): under 10 lines inline in
// monospace; 10–50 lines a summary (first lines, "… N lines …", last lines, language, count);
// over 50 lines a file attachment with the right name and type. Only the displayed copy is
// wrapped for a narrow screen; an attachment carries the code byte for byte.
import type { CodeBlock } from './markdown.js';
import { TextBuilder } from './text-builder.js';
import type { OutgoingAttachment, RenderedDoc } from './types.js';
import { utf8Bytes, utf8Length, wrapLine } from './unicode.js';

export interface CodePolicy {
  /** Blocks with fewer lines than this are shown whole. Default 10. */
  readonly inlineBelowLines: number;
  /** Blocks with more lines than this become attachments. Default 50. */
  readonly attachAboveLines: number;
  /** Display width in columns. Default 60. */
  readonly wrapColumns: number;
  readonly summaryHeadLines: number;
  readonly summaryTailLines: number;
  /** At most this many wrapped rows per source line in the displayed copy. */
  readonly maxRowsPerLine: number;
  /** A displayed block larger than this (UTF-8 bytes) moves up a tier (inline → summary → file). */
  readonly maxDisplayBytes: number;
}

export const DEFAULT_CODE_POLICY: CodePolicy = {
  inlineBelowLines: 10,
  attachAboveLines: 50,
  wrapColumns: 60,
  summaryHeadLines: 5,
  summaryTailLines: 3,
  maxRowsPerLine: 4,
  maxDisplayBytes: 1500,
};

export interface LanguageInfo {
  readonly label: string;
  readonly extension: string;
  readonly contentType: string;
}

const LANGUAGES: Record<string, LanguageInfo> = {};
function lang(names: string[], label: string, extension: string, contentType: string): void {
  for (const n of names) LANGUAGES[n] = { label, extension, contentType };
}
// text/* where one exists, so a phone opens the file in a text viewer. `.ts` needs an explicit
// type: extension-based lookups call it an MPEG transport stream.
lang(['ts', 'typescript', 'mts', 'cts'], 'TypeScript', '.ts', 'text/x-typescript');
lang(['tsx'], 'TypeScript', '.tsx', 'text/x-typescript');
lang(['js', 'javascript', 'mjs', 'cjs', 'node'], 'JavaScript', '.js', 'text/javascript');
lang(['jsx'], 'JavaScript', '.jsx', 'text/javascript');
lang(['json', 'jsonc', 'json5'], 'JSON', '.json', 'application/json');
lang(['py', 'python', 'python3'], 'Python', '.py', 'text/x-python');
lang(['sh', 'bash', 'shell', 'zsh', 'console', 'shellsession'], 'Shell', '.sh', 'text/x-shellscript');
lang(['rb', 'ruby'], 'Ruby', '.rb', 'text/x-ruby');
lang(['go', 'golang'], 'Go', '.go', 'text/x-go');
lang(['rs', 'rust'], 'Rust', '.rs', 'text/x-rust');
lang(['java'], 'Java', '.java', 'text/x-java');
lang(['kt', 'kotlin'], 'Kotlin', '.kt', 'text/x-kotlin');
lang(['swift'], 'Swift', '.swift', 'text/x-swift');
lang(['c'], 'C', '.c', 'text/x-c');
lang(['h'], 'C header', '.h', 'text/x-c');
lang(['cpp', 'c++', 'cc', 'cxx', 'hpp'], 'C++', '.cpp', 'text/x-c++');
lang(['cs', 'csharp', 'c#'], 'C#', '.cs', 'text/x-csharp');
lang(['php'], 'PHP', '.php', 'text/x-php');
lang(['html', 'htm'], 'HTML', '.html', 'text/html');
lang(['css'], 'CSS', '.css', 'text/css');
lang(['scss', 'sass'], 'SCSS', '.scss', 'text/x-scss');
lang(['md', 'markdown'], 'Markdown', '.md', 'text/markdown');
lang(['yaml', 'yml'], 'YAML', '.yaml', 'application/yaml');
lang(['toml'], 'TOML', '.toml', 'application/toml');
lang(['sql'], 'SQL', '.sql', 'application/sql');
lang(['xml', 'svg'], 'XML', '.xml', 'application/xml');
lang(['diff', 'patch'], 'Diff', '.patch', 'text/x-diff');
lang(['dockerfile', 'docker'], 'Dockerfile', '.dockerfile', 'text/plain');
lang(['make', 'makefile'], 'Makefile', '.mk', 'text/x-makefile');
lang(['lua'], 'Lua', '.lua', 'text/x-lua');
lang(['r'], 'R', '.r', 'text/x-r');
lang(['scala'], 'Scala', '.scala', 'text/x-scala');
lang(['dart'], 'Dart', '.dart', 'text/x-dart');
lang(['ex', 'elixir'], 'Elixir', '.ex', 'text/x-elixir');
lang(['hs', 'haskell'], 'Haskell', '.hs', 'text/x-haskell');
lang(['vue'], 'Vue', '.vue', 'text/x-vue');
lang(['svelte'], 'Svelte', '.svelte', 'text/x-svelte');
lang(['ini', 'cfg', 'conf', 'env', 'dotenv', 'properties'], 'Config', '.conf', 'text/plain');
lang(['csv'], 'CSV', '.csv', 'text/csv');

const PLAIN: LanguageInfo = { label: 'Text', extension: '.txt', contentType: 'text/plain' };

export function languageInfo(language: string): LanguageInfo {
  return LANGUAGES[language.toLowerCase()] ?? (language ? { ...PLAIN, label: language } : PLAIN);
}

/** Content type for a file name, by extension (for attachments named after a real file). */
export function contentTypeForFileName(fileName: string): string {
  const ext = /\.([A-Za-z0-9+#]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === undefined) return 'text/plain';
  const known = LANGUAGES[ext] ?? Object.values(LANGUAGES).find((l) => l.extension === `.${ext}`);
  return known?.contentType ?? 'text/plain';
}

/**
 * A file name for a code block: a path named in the info string (`ts title="src/app.ts"`,
 * `ts:src/app.ts`, `python app.py`) keeps its base name; otherwise `snippet-N.ext`.
 */
export function codeFileName(block: Pick<CodeBlock, 'language' | 'info' | 'index'>): string {
  const info = block.info;
  const named =
    /(?:title|file|filename|name|path)=["']?([^"'\s]+)/.exec(info)?.[1] ??
    /^[\w+#-]+:([^\s]+\.[\w]+)$/.exec(info.split(/\s+/)[0] ?? '')?.[1] ??
    info.split(/\s+/).slice(1).find((w) => /^[\w./-]+\.[A-Za-z0-9]{1,8}$/.test(w));
  const base = named?.split(/[\\/]/).pop()?.replace(/[^\w.+-]/g, '_');
  if (base && base !== '.' && base !== '..') return base;
  return `snippet-${block.index}${languageInfo(block.language).extension}`;
}

function countLines(code: string): string[] {
  return code.length === 0 ? [''] : code.split('\n');
}

/** The displayed copy of some source lines: tabs expanded, wrapped, very long lines cut. */
export function displayLines(lines: readonly string[], policy: CodePolicy = DEFAULT_CODE_POLICY): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const rows = wrapLine(line.replace(/\t/g, '  ').trimEnd(), policy.wrapColumns);
    if (rows.length > policy.maxRowsPerLine) {
      out.push(...rows.slice(0, policy.maxRowsPerLine - 1), `${rows[policy.maxRowsPerLine - 1] ?? ''} …`);
    } else out.push(...rows);
  }
  return out;
}

export function renderCodeBlock(block: CodeBlock, policy: Partial<CodePolicy> = {}): RenderedDoc {
  const p: CodePolicy = { ...DEFAULT_CODE_POLICY, ...policy };
  const lines = countLines(block.code);
  const info = languageInfo(block.language);
  const tier = lines.length < p.inlineBelowLines ? 'inline' : lines.length <= p.attachAboveLines ? 'summary' : 'file';
  if (tier === 'inline') {
    const shown = displayLines(lines, p).join('\n');
    if (utf8Length(shown) <= p.maxDisplayBytes) return monospaceDoc(shown);
  }
  if (tier !== 'file') {
    const summary = summaryDoc(lines, info, p);
    if (utf8Length(summary.text) <= p.maxDisplayBytes) return summary;
  }
  return fileDoc(block, lines, info, p);
}

function monospaceDoc(text: string): RenderedDoc {
  return { text, ranges: [{ start: 0, length: text.length, style: 'monospace' }], attachments: [] };
}

function header(info: LanguageInfo, lineCount: number, extra = ''): string {
  return `${info.label} · ${lineCount} lines${extra}`;
}

function summaryDoc(lines: readonly string[], info: LanguageInfo, p: CodePolicy): RenderedDoc {
  const head = lines.slice(0, p.summaryHeadLines);
  const tail = lines.slice(Math.max(p.summaryHeadLines, lines.length - p.summaryTailLines));
  const hidden = lines.length - head.length - tail.length;
  const b = new TextBuilder();
  b.appendStyled(header(info, lines.length), 'italic');
  b.append('\n');
  b.appendStyled(displayLines(head, p).join('\n'), 'monospace');
  if (hidden > 0) {
    b.append('\n');
    b.appendStyled(`… ${hidden} lines …`, 'italic');
  }
  if (tail.length > 0) {
    b.append('\n');
    b.appendStyled(displayLines(tail, p).join('\n'), 'monospace');
  }
  return b.buildDoc();
}

function fileDoc(block: CodeBlock, lines: readonly string[], info: LanguageInfo, p: CodePolicy): RenderedDoc {
  const fileName = codeFileName(block);
  const attachment: OutgoingAttachment = {
    fileName,
    contentType: LANGUAGES[block.language.toLowerCase()] ? info.contentType : contentTypeForFileName(fileName),
    // A fenced block's content ends with a newline; the file gets it back.
    data: utf8Bytes(block.code.endsWith('\n') ? block.code : `${block.code}\n`),
  };
  const b = new TextBuilder();
  b.attach(attachment);
  b.append('📎 ');
  b.appendStyled(fileName, 'bold');
  b.appendStyled(` — ${header(info, lines.length)}`, 'italic');
  const head = displayLines(lines.slice(0, 3), p).slice(0, 3).join('\n');
  b.append('\n');
  b.appendStyled(head, 'monospace');
  b.append('\n');
  b.appendStyled('…', 'italic');
  return b.buildDoc();
}
