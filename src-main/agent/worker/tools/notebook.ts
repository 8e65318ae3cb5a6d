// Read of a Jupyter notebook (.ipynb): every cell with its kind, id and source, and what it
// printed — stream text, results, errors, and PNG/JPEG pictures as image blocks Claude can look
// at — instead of the raw JSON. The file is outside input: parsed with zod, loosely, since
// notebook writers add fields freely.
import { z } from 'zod';
import type { ImageBlock, TextBlock, ToolOutput } from '../../content.js';

const MAX_OUTPUT_CHARS = 4_000;
const MAX_IMAGES = 10;

const source = z.union([z.string(), z.array(z.string())]).optional();
const joined = (s: z.infer<typeof source>): string => (Array.isArray(s) ? s.join('') : (s ?? ''));

const OutputSchema = z.looseObject({
  output_type: z.string(),
  text: source,
  name: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  ename: z.string().optional(),
  evalue: z.string().optional(),
});

const NotebookSchema = z.looseObject({
  cells: z.array(
    z.looseObject({
      cell_type: z.string(),
      id: z.string().optional(),
      source,
      execution_count: z.number().nullable().optional(),
      outputs: z.array(OutputSchema).optional(),
    }),
  ),
  metadata: z.looseObject({ language_info: z.looseObject({ name: z.string().optional() }).optional() }).optional(),
});

function cut(text: string): string {
  return text.length > MAX_OUTPUT_CHARS ? `${text.slice(0, MAX_OUTPUT_CHARS)}… [output cut]` : text;
}

/** The notebook as Claude reads it, or an error message when the file is not a notebook. */
export function renderNotebook(json: string, rel: string): { output: ToolOutput } | { error: string } {
  let parsed;
  try {
    parsed = NotebookSchema.safeParse(JSON.parse(json));
  } catch {
    return { error: `${rel} is not valid JSON, so it cannot be read as a notebook.` };
  }
  if (!parsed.success) return { error: `${rel} does not look like a Jupyter notebook (no cells list).` };
  const language = parsed.data.metadata?.language_info?.name ?? 'python';
  const blocks: (TextBlock | ImageBlock)[] = [];
  let images = 0;
  let text = `Notebook ${rel} (${language}, ${parsed.data.cells.length} cells)`;
  parsed.data.cells.forEach((cell, i) => {
    const id = cell.id ?? `cell-${i}`;
    text += `\n\n<cell id="${id}" type="${cell.cell_type}"${cell.execution_count ? ` execution="${cell.execution_count}"` : ''}>\n${joined(cell.source)}\n</cell>`;
    for (const out of cell.outputs ?? []) {
      const data = out.data ?? {};
      if (out.output_type === 'error') text += `\n[error] ${out.ename ?? 'Error'}: ${out.evalue ?? ''}`;
      else if (out.output_type === 'stream') text += `\n[${out.name ?? 'stdout'}]\n${cut(joined(out.text))}`;
      const plain = data['text/plain'];
      if (plain !== undefined) text += `\n[result]\n${cut(joined(plain as string | string[]))}`;
      for (const media of ['image/png', 'image/jpeg'] as const) {
        const b64 = data[media];
        if (typeof b64 !== 'string' || images >= MAX_IMAGES) continue;
        images += 1;
        blocks.push({ type: 'text', text });
        blocks.push({ type: 'image', source: { type: 'base64', media_type: media, data: b64.replace(/\s/g, '') } });
        text = `[picture above: output of cell ${id}]`;
      }
    }
  });
  blocks.push({ type: 'text', text });
  return { output: blocks.length === 1 ? text : blocks };
}
