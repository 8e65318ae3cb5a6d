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

/** A language as a reader fences it: the names after ``` and what a file of it is called and typed. */
export interface LanguageRow extends LanguageInfo {
  readonly names: readonly string[];
}

// text/* where one exists, so a phone opens the file in a text viewer. `.ts` needs an explicit
// type: extension-based lookups call it an MPEG transport stream.
export const LANGUAGE_TABLE: readonly LanguageRow[] = [
  { names: ['ts', 'typescript', 'mts', 'cts'], label: 'TypeScript', extension: '.ts', contentType: 'text/x-typescript' },
  { names: ['tsx'], label: 'TypeScript', extension: '.tsx', contentType: 'text/x-typescript' },
  { names: ['js', 'javascript', 'mjs', 'cjs', 'node'], label: 'JavaScript', extension: '.js', contentType: 'text/javascript' },
  { names: ['jsx'], label: 'JavaScript', extension: '.jsx', contentType: 'text/javascript' },
  { names: ['json', 'jsonc', 'json5'], label: 'JSON', extension: '.json', contentType: 'application/json' },
  { names: ['py', 'python', 'python3'], label: 'Python', extension: '.py', contentType: 'text/x-python' },
  { names: ['sh', 'bash', 'shell', 'zsh', 'console', 'shellsession'], label: 'Shell', extension: '.sh', contentType: 'text/x-shellscript' },
  { names: ['rb', 'ruby'], label: 'Ruby', extension: '.rb', contentType: 'text/x-ruby' },
  { names: ['go', 'golang'], label: 'Go', extension: '.go', contentType: 'text/x-go' },
  { names: ['rs', 'rust'], label: 'Rust', extension: '.rs', contentType: 'text/x-rust' },
  { names: ['java'], label: 'Java', extension: '.java', contentType: 'text/x-java' },
  { names: ['kt', 'kotlin'], label: 'Kotlin', extension: '.kt', contentType: 'text/x-kotlin' },
  { names: ['swift'], label: 'Swift', extension: '.swift', contentType: 'text/x-swift' },
  { names: ['c'], label: 'C', extension: '.c', contentType: 'text/x-c' },
  { names: ['h'], label: 'C header', extension: '.h', contentType: 'text/x-c' },
  { names: ['cpp', 'c++', 'cc', 'cxx', 'hpp'], label: 'C++', extension: '.cpp', contentType: 'text/x-c++' },
  { names: ['cs', 'csharp', 'c#'], label: 'C#', extension: '.cs', contentType: 'text/x-csharp' },
  { names: ['php'], label: 'PHP', extension: '.php', contentType: 'text/x-php' },
  { names: ['html', 'htm'], label: 'HTML', extension: '.html', contentType: 'text/html' },
  { names: ['css'], label: 'CSS', extension: '.css', contentType: 'text/css' },
  { names: ['scss', 'sass'], label: 'SCSS', extension: '.scss', contentType: 'text/x-scss' },
  { names: ['md', 'markdown'], label: 'Markdown', extension: '.md', contentType: 'text/markdown' },
  { names: ['yaml', 'yml'], label: 'YAML', extension: '.yaml', contentType: 'application/yaml' },
  { names: ['toml'], label: 'TOML', extension: '.toml', contentType: 'application/toml' },
  { names: ['sql'], label: 'SQL', extension: '.sql', contentType: 'application/sql' },
  { names: ['xml', 'svg'], label: 'XML', extension: '.xml', contentType: 'application/xml' },
  { names: ['diff', 'patch'], label: 'Diff', extension: '.patch', contentType: 'text/x-diff' },
  { names: ['dockerfile', 'docker'], label: 'Dockerfile', extension: '.dockerfile', contentType: 'text/plain' },
  { names: ['make', 'makefile', 'mk'], label: 'Makefile', extension: '.mk', contentType: 'text/x-makefile' },
  { names: ['lua'], label: 'Lua', extension: '.lua', contentType: 'text/x-lua' },
  { names: ['r'], label: 'R', extension: '.r', contentType: 'text/x-r' },
  { names: ['scala'], label: 'Scala', extension: '.scala', contentType: 'text/x-scala' },
  { names: ['dart'], label: 'Dart', extension: '.dart', contentType: 'text/x-dart' },
  { names: ['ex', 'elixir'], label: 'Elixir', extension: '.ex', contentType: 'text/x-elixir' },
  { names: ['hs', 'haskell'], label: 'Haskell', extension: '.hs', contentType: 'text/x-haskell' },
  { names: ['vue'], label: 'Vue', extension: '.vue', contentType: 'text/x-vue' },
  { names: ['svelte'], label: 'Svelte', extension: '.svelte', contentType: 'text/x-svelte' },
  { names: ['ini', 'cfg', 'conf', 'env', 'dotenv', 'properties'], label: 'Config', extension: '.conf', contentType: 'text/plain' },
  { names: ['csv'], label: 'CSV', extension: '.csv', contentType: 'text/csv' },
];

// A Map, not an object: a fence such as ```constructor must not find Object.prototype's members.
const LANGUAGES = new Map<string, LanguageInfo>(LANGUAGE_TABLE.flatMap((row) => row.names.map((name) => [name, row] as const)));

const PLAIN: LanguageInfo = { label: 'Text', extension: '.txt', contentType: 'text/plain' };

export function languageInfo(language: string): LanguageInfo {
  return LANGUAGES.get(language.toLowerCase()) ?? (language ? { ...PLAIN, label: language } : PLAIN);
}

/** Content type for a file name, by extension (for attachments named after a real file). */
export function contentTypeForFileName(fileName: string): string {
  const ext = /\.([A-Za-z0-9+#]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === undefined) return 'text/plain';
  // Every extension in the table is also one of its fence names (the tests check it).
  return LANGUAGES.get(ext)?.contentType ?? 'text/plain';
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
  const lines = block.code.split('\n');
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
    contentType: LANGUAGES.has(block.language.toLowerCase()) ? info.contentType : contentTypeForFileName(fileName),
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
