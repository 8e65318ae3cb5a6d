// display/ throughput: a large Claude reply through render + redact + pack, splitting alone,
// and a 5,000-line diff to the phone (and built from before/after images), each next to plain
// String operations over the same text in the same run (split/trim/join/slice: the floor any
// renderer pays to look at every line once).
import { renderReply, renderReplyDoc } from '../src-main/display/reply.js';
import { splitRendered } from '../src-main/display/split.js';
import { renderDiffForPhone } from '../src-main/display/diff.js';
import { diffFileImages, type FileImage } from '../src-main/display/diff-compute.js';
import { isMain, ms, printTable, ratio, summary, type BenchRow } from './lib/report.js';

const RUNS = 15;

function time(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

/** Median ms of `fn` over RUNS runs after two warm-ups. */
function median(fn: () => unknown): number {
  fn();
  fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(time(fn));
  return summary(samples).median;
}

function largeReply(sections: number): string {
  const parts: string[] = [];
  for (let i = 0; i < sections; i++) {
    parts.push(
      `## Step ${i}: update \`module${i}.ts\``,
      `I changed **${i} files** and *renamed* the helper \`parseThing${i}\`; see [the docs](https://example.com/docs/${i}). ` +
        'The old code kept a cache per request, which made ~5 % of calls slow under load; now one cache is shared. '.repeat(3),
      `- first point with \`code_${i}\`\n- second point with **bold**\n  - nested detail\n- third point`,
      '```ts\n' + Array.from({ length: 8 }, (_, k) => `export const value${i}_${k} = compute(${k}, "${'x'.repeat(k * 4)}");`).join('\n') + '\n```',
      '| File | Lines |\n|---|---|\n| a.ts | 12 |\n| b.ts | 40 |',
    );
  }
  return parts.join('\n\n');
}

function plainStringOps(text: string): number {
  // The floor: read every line, trim and strip markers, rebuild, cut into 2 KB slices.
  const rebuilt = text
    .split('\n')
    .map((l) => l.trim().replaceAll('**', '').replaceAll('`', ''))
    .join('\n');
  let n = 0;
  for (let i = 0; i < rebuilt.length; i += 2048) n += rebuilt.slice(i, i + 2048).length;
  return n;
}

function bigDiff(): { images: FileImage[]; patch: string } {
  const images: FileImage[] = [];
  for (let f = 0; f < 5; f++) {
    const before = `${Array.from({ length: 1000 }, (_, i) => `  const line${i} = doSomething(${i}, "file ${f}");`).join('\n')}\n`;
    const after = before.replace(/line(\d*[37]) = doSomething/g, 'line$1 = doSomethingElse');
    images.push({ path: `src/module${f}.ts`, before, after });
  }
  return { images, patch: diffFileImages(images) };
}

function plainDiffOps(patch: string): number {
  let added = 0;
  let removed = 0;
  const lines = patch.split('\n');
  for (const l of lines) {
    if (l.startsWith('+')) added++;
    else if (l.startsWith('-')) removed++;
  }
  return lines.map((l) => l.slice(1)).join('\n').length + added + removed;
}

function row(figure: string, value: number, goal: string, baselineName: string, baseline: number, extra = ''): BenchRow {
  return { figure, value: `${ms(value)}${extra}`, goal, baseline: `${baselineName}: ${ms(baseline)} (${ratio(value, baseline)})` };
}

export async function run(): Promise<BenchRow[]> {
  const md = largeReply(60);
  const kb = Math.round(Buffer.byteLength(md) / 1024);
  const now = (): Date => new Date(0);
  const reply = median(() => renderReply(md, { now }));
  const replyParts = median(() => renderReply(md, { now, maxParts: 1000 }));
  const stringOps = median(() => plainStringOps(md));
  const rendered = renderReplyDoc(md).doc;
  const split = median(() => splitRendered(rendered));
  const sliceOps = median(() => plainStringOps(rendered.text));
  const mbps = (t: number): string => ` (${(Buffer.byteLength(md) / 1024 / 1024 / (t / 1000)).toFixed(1)} MB/s)`;

  const { images, patch } = bigDiff();
  const diffLineCount = patch.split('\n').length;
  const toPhone = median(() => renderDiffForPhone(patch));
  const fromImages = median(() => diffFileImages(images));
  const diffOps = median(() => plainDiffOps(patch));
  const imageOps = median(() =>
    images.map((i) => {
      const after = (i.after as string).split('\n');
      return (i.before as string).split('\n').filter((l, k) => l === after[k]).length;
    }),
  );

  return [
    row(`reply ${kb} KB Markdown → 1 message (render+redact+long text)`, reply, '≤ 50 ms', 'String split/trim/join/slice', stringOps, mbps(reply)),
    row(`reply ${kb} KB Markdown → ≤2 KB messages`, replyParts, '≤ 50 ms', 'String split/trim/join/slice', stringOps, mbps(replyParts)),
    row(`split ${Math.round(rendered.text.length / 1024)} K chars at paragraph/grapheme boundaries`, split, '≤ 20 ms', 'String split/trim/join/slice', sliceOps),
    row(`${diffLineCount}-line diff → phone (redact+parse+render+.patch)`, toPhone, '≤ 100 ms', 'String split/count/join', diffOps),
    row('diff from before/after images, 5 × 1,000 lines, 20% changed', fromImages, '≤ 100 ms', 'String split + line compare', imageOps),
  ];
}

if (isMain(import.meta.url)) printTable(await run());
