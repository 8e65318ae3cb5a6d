// PDFs for Read, as Claude Code reads them: a short PDF whole, a longer one a range of pages at
// a time (`pages: "1-5"`), sent to Claude as a document block so it sees text and pictures. The
// pages are cut out with pdf-lib (loaded on the first PDF, from a worker chunk of its own).
import { failed, ok, type ToolResult } from './types.js';

/** A PDF with more pages than this must be read with `pages`. */
export const WHOLE_PDF_MAX_PAGES = 10;
/** At most this many pages per Read. */
export const PDF_PAGES_PER_READ = 20;
/** The API takes requests up to 32 MB; a document must leave room for the rest. */
const MAX_PDF_BYTES = 20 * 1024 * 1024;

/** "3" or "1-5" (1-based, inclusive); undefined when it is neither. */
export function parsePageRange(spec: string): { readonly first: number; readonly last: number } | undefined {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(spec);
  if (!m) return undefined;
  const first = Number(m[1]);
  const last = m[2] === undefined ? first : Number(m[2]);
  return first >= 1 && last >= first ? { first, last } : undefined;
}

export async function readPdf(bytes: Uint8Array, rel: string, pages: string | undefined): Promise<ToolResult> {
  if (bytes.length > MAX_PDF_BYTES) return failed(`${rel} is too large to read as a PDF (${bytes.length} bytes).`);
  const lib = await import('pdf-lib');
  // A CommonJS package: Node names its exports, a bundle hands over module.exports as `default`.
  const { PDFDocument } = lib.PDFDocument ? lib : (lib as unknown as { default: typeof lib }).default;
  let doc: Awaited<ReturnType<typeof PDFDocument.load>>;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: false, updateMetadata: false });
  } catch (error) {
    return failed(`${rel} could not be read as a PDF (${error instanceof Error ? error.message : String(error)}).`);
  }
  const count = doc.getPageCount();
  const whole = (data: Uint8Array, note: string) =>
    ok([
      { type: 'text', text: note },
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: Buffer.from(data).toString('base64') } },
    ]);
  if (pages === undefined) {
    if (count > WHOLE_PDF_MAX_PAGES) {
      return failed(`${rel} has ${count} pages, too many to read at once. Read it in parts with pages, e.g. pages: "1-${PDF_PAGES_PER_READ}" (at most ${PDF_PAGES_PER_READ} pages per read).`);
    }
    return whole(bytes, `${rel}: a PDF of ${count} page${count === 1 ? '' : 's'}, all of them below.`);
  }
  const range = parsePageRange(pages);
  if (!range) return failed(`pages must be one page ("3") or a range ("1-5"), not "${pages}".`);
  if (range.first > count) return failed(`${rel} has only ${count} pages; page ${range.first} is past the end.`);
  const last = Math.min(range.last, count);
  if (last - range.first + 1 > PDF_PAGES_PER_READ) return failed(`At most ${PDF_PAGES_PER_READ} pages per read; ask for fewer (e.g. "${range.first}-${range.first + PDF_PAGES_PER_READ - 1}").`);
  const part = await PDFDocument.create();
  const copied = await part.copyPages(doc, Array.from({ length: last - range.first + 1 }, (_, i) => range.first - 1 + i));
  for (const page of copied) part.addPage(page);
  return whole(await part.save(), `${rel}: pages ${range.first}-${last} of ${count} below.`);
}
