// Files from the phone, made ready for Claude: images become image blocks, text and code files
// and PDFs become document blocks; anything else (or anything too big) becomes a proposal to
// save it into the project, which only the owner's say-so turns into a file Claude is told of.
import { randomBytes } from 'node:crypto';
import type { DocumentBlockParam, ImageBlockParam, TextBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { z } from 'zod';
import { TextBuilder } from './text-builder.js';
import { LONG_TEXT_CONTENT_TYPE, type RenderedText } from './types.js';

/** An attachment as the Signal receiver hands it over (decrypted and downloaded). */
export const IncomingAttachmentSchema = z.object({
  fileName: z.string().max(1024).optional(),
  contentType: z.string().max(255),
  data: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected bytes'),
});
export type IncomingAttachment = z.infer<typeof IncomingAttachmentSchema>;

export type ClaudeBlock = ImageBlockParam | DocumentBlockParam | TextBlockParam;

export interface SaveProposal {
  /** Short id the owner answers with ("save 4f2a"). */
  readonly id: string;
  readonly fileName: string;
  /** Where it would go, relative to the project. */
  readonly suggestedPath: string;
  readonly contentType: string;
  readonly size: number;
  /** Why it is not given to Claude directly. */
  readonly reason: string;
}

export interface InboundResult {
  /** Content blocks to put in the user turn, in the order the files came. */
  readonly blocks: readonly ClaudeBlock[];
  /** Files waiting for the owner's decision. */
  readonly proposals: readonly SaveProposal[];
}

export interface InboundOptions {
  /** Largest image sent as is. Default 3.75 MB: the API caps the base64 text at 5 MB. */
  readonly maxImageBytes?: number;
  /** Longest image side in pixels the API takes. Default 8000. */
  readonly maxImageSide?: number;
  readonly maxPdfBytes?: number;
  /** Largest text file given as a document. Default 200 KB. */
  readonly maxTextBytes?: number;
  /** Folder (relative to the project) proposed for saved files. Default `uploads`. */
  readonly uploadsDir?: string;
  readonly newId?: () => string;
}

type ImageType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';

/** The image type by its first bytes (phones sometimes label files loosely). */
export function sniffImage(data: Uint8Array): ImageType | undefined {
  const b = (i: number): number => data[i] ?? -1;
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'image/jpeg';
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return 'image/png';
  if (ascii(data, 0, 4) === 'GIF8') return 'image/gif';
  if (ascii(data, 0, 4) === 'RIFF' && ascii(data, 8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

function ascii(data: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...data.subarray(from, to));
}

/** Width and height from the image header, when the format says them plainly. */
export function imageSize(data: Uint8Array, type: ImageType): { width: number; height: number } | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  try {
    if (type === 'image/png') return { width: view.getUint32(16), height: view.getUint32(20) };
    if (type === 'image/gif') return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
    if (type === 'image/webp') {
      const chunk = ascii(data, 12, 16);
      if (chunk === 'VP8X') return { width: 1 + (view.getUint32(24, true) & 0xffffff), height: 1 + (view.getUint32(27, true) & 0xffffff) };
      if (chunk === 'VP8L') {
        const bits = view.getUint32(21, true);
        return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
      }
      if (chunk === 'VP8 ') return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
      return undefined;
    }
    // JPEG: walk the segments to the frame header (SOFn).
    let i = 2;
    while (i + 9 < data.length) {
      if (data[i] !== 0xff) return undefined;
      const marker = data[i + 1] ?? 0;
      const len = view.getUint16(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: view.getUint16(i + 7), height: view.getUint16(i + 5) };
      }
      i += 2 + len;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

const TEXT_TYPES = /^(?:text\/|application\/(?:json|xml|javascript|typescript|x-sh|x-shellscript|yaml|x-yaml|toml|sql|x-python|x-ndjson|csv|x-httpd-php|graphql)\b|[^;]*\+(?:json|xml)\b)/i;
const TEXT_EXTENSIONS = /\.(?:txt|md|markdown|rst|csv|tsv|json|jsonc|ya?ml|toml|ini|cfg|conf|env|xml|html?|css|scss|less|js|mjs|cjs|jsx|ts|tsx|py|rb|go|rs|java|kt|swift|c|h|cc|cpp|hpp|cs|php|sh|bash|zsh|fish|sql|graphql|proto|lua|r|scala|dart|ex|exs|hs|vue|svelte|diff|patch|log|gitignore|dockerfile|makefile|gradle|properties|tf|nix)$/i;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of a file if it is UTF-8 without NUL bytes (a BOM is dropped). */
export function decodeText(data: Uint8Array): string | undefined {
  if (data.includes(0)) return undefined;
  try {
    return strictUtf8.decode(data).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

const EXT_BY_TYPE: Record<string, string> = {
  'image/jpeg': '.jpg', 'image/png': '.png', 'image/gif': '.gif', 'image/webp': '.webp', 'image/heic': '.heic',
  'application/pdf': '.pdf', 'audio/aac': '.aac', 'audio/mpeg': '.mp3', 'audio/ogg': '.ogg', 'video/mp4': '.mp4',
  'application/zip': '.zip', 'text/plain': '.txt', 'text/x-signal-plain': '.txt',
};

/** A safe file name: no folders, no control or reserved characters, no leading dot. */
export function sanitizeFileName(name: string | undefined, contentType: string, id: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  let clean = base.replace(/[\x00-\x1f\x7f<>:"|?*]/g, '_').replace(/^[.\s]+/, '').trim();
  if (clean.length > 100) {
    const ext = /\.[A-Za-z0-9]{1,10}$/.exec(clean)?.[0] ?? '';
    clean = clean.slice(0, 100 - ext.length) + ext;
  }
  return clean || `attachment-${id}${EXT_BY_TYPE[contentType.split(';')[0]?.trim().toLowerCase() ?? ''] ?? ''}`;
}

export function prepareInbound(attachments: readonly IncomingAttachment[], options: InboundOptions = {}): InboundResult {
  const maxImage = options.maxImageBytes ?? (5 * 1024 * 1024 * 3) / 4;
  const maxSide = options.maxImageSide ?? 8000;
  const maxPdf = options.maxPdfBytes ?? 10 * 1024 * 1024;
  const maxText = options.maxTextBytes ?? 200 * 1024;
  const newId = options.newId ?? (() => randomBytes(2).toString('hex'));
  const blocks: ClaudeBlock[] = [];
  const proposals: SaveProposal[] = [];
  for (const a of attachments) {
    const type = a.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    const size = a.data.byteLength;
    const propose = (reason: string): void => {
      const id = newId();
      const fileName = sanitizeFileName(a.fileName, type, id);
      proposals.push({ id, fileName, suggestedPath: `${options.uploadsDir ?? 'uploads'}/${fileName}`, contentType: type || 'application/octet-stream', size, reason });
    };
    if (type === LONG_TEXT_CONTENT_TYPE) {
      // The phone sent a long message: this is its full text, not a file.
      const text = decodeText(a.data);
      if (text !== undefined) blocks.push({ type: 'text', text });
      continue;
    }
    const image = sniffImage(a.data);
    if (image) {
      const dims = imageSize(a.data, image);
      if (size > maxImage) propose(`the image is ${formatBytes(size)}, more than Claude takes (${formatBytes(maxImage)})`);
      else if (dims && Math.max(dims.width, dims.height) > maxSide) propose(`the image is ${dims.width}×${dims.height}, larger than Claude takes`);
      else blocks.push({ type: 'image', source: { type: 'base64', media_type: image, data: Buffer.from(a.data).toString('base64') } });
      continue;
    }
    if (type.startsWith('image/')) {
      propose(`Claude reads JPEG, PNG, GIF and WebP images, not ${type}`);
      continue;
    }
    if (type === 'application/pdf' || ascii(a.data, 0, 5) === '%PDF-') {
      if (size > maxPdf) propose(`the PDF is ${formatBytes(size)}, more than ${formatBytes(maxPdf)}`);
      else {
        blocks.push({
          type: 'document',
          source: { type: 'base64', media_type: 'application/pdf', data: Buffer.from(a.data).toString('base64') },
          ...(a.fileName ? { title: sanitizeFileName(a.fileName, type, 'pdf') } : {}),
        });
      }
      continue;
    }
    const looksText = TEXT_TYPES.test(type) || TEXT_EXTENSIONS.test(a.fileName ?? '') || type === 'application/octet-stream' || type === '';
    const text = looksText ? decodeText(a.data) : undefined;
    if (text !== undefined) {
      if (size > maxText) propose(`the file is ${formatBytes(size)}, more than ${formatBytes(maxText)} to read at once`);
      else {
        blocks.push({
          type: 'document',
          source: { type: 'text', media_type: 'text/plain', data: text },
          title: sanitizeFileName(a.fileName, type, 'text'),
        });
      }
      continue;
    }
    propose(`Claude cannot read ${type || 'this kind of file'} directly`);
  }
  return { blocks, proposals };
}

/** The question to the owner, with the reply hint spelled out. */
export function renderSaveProposal(p: SaveProposal): RenderedText {
  const b = new TextBuilder();
  b.append('📎 ');
  b.appendStyled(p.fileName, 'bold');
  b.append(` (${formatBytes(p.size)}): ${p.reason}.\nSave it into the project as `);
  b.appendStyled(p.suggestedPath, 'monospace');
  b.append(`? reply save ${p.id} or no ${p.id}`);
  return b.build();
}

/** What Claude is told once the owner said yes and the file is saved. */
export function savedFileNote(savedPath: string, p: Pick<SaveProposal, 'contentType' | 'size'>): TextBlockParam {
  return {
    type: 'text',
    text: `The owner sent a file from their phone. It is saved in the project at ${savedPath} (${p.contentType}, ${formatBytes(p.size)}).`,
  };
}
