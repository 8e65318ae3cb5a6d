// A unified diff as the app shows it: one row per line, added and removed lines tinted, the
// code syntax-coloured by prism-react-renderer. It turns code into tokens that React renders
// as text (escaped), so nothing from a patch is ever injected as HTML. Colours come from CSS
// classes (light and dark), not from a theme's inline styles.
import { Highlight, Prism, type PrismTheme } from 'prism-react-renderer';
import { parseDiff, type DiffLine } from '../state/transcript';

/** Rows shown before "N more lines" (the whole patch reaches the phone as a .patch file). */
const MAX_ROWS = 400;
const NO_THEME: PrismTheme = { plain: {}, styles: [] };

const LANGUAGES: Readonly<Record<string, string>> = {
  ts: 'tsx', tsx: 'tsx', mts: 'tsx', cts: 'tsx', js: 'jsx', jsx: 'jsx', mjs: 'jsx', cjs: 'jsx',
  json: 'json', py: 'python', rs: 'rust', go: 'go', c: 'c', h: 'c', cpp: 'cpp', cc: 'cpp', hpp: 'cpp',
  swift: 'swift', kt: 'kotlin', md: 'markdown', yml: 'yaml', yaml: 'yaml', html: 'markup', xml: 'markup',
  svg: 'markup', css: 'css', sql: 'sql', graphql: 'graphql', sh: 'bash', bash: 'bash',
};

/** Prism's name for a file's language, when it bundles one. */
export function languageFor(path: string): string | undefined {
  const ext = path.split('.').pop()?.toLowerCase() ?? '';
  const lang = LANGUAGES[ext];
  return lang && Prism.languages[lang] ? lang : undefined;
}

function Code({ text, language }: { text: string; language: string | undefined }) {
  if (!language || text === '') return <>{text}</>;
  return (
    <Highlight prism={Prism} theme={NO_THEME} code={text} language={language}>
      {({ tokens, getTokenProps }) => (
        <>
          {(tokens[0] ?? []).map((token, i) => {
            const { className, children } = getTokenProps({ token });
            return (
              <span key={i} className={className}>
                {children}
              </span>
            );
          })}
        </>
      )}
    </Highlight>
  );
}

const SIGN: Record<DiffLine['kind'], string> = { add: '+', del: '−', ctx: ' ', hunk: '', file: '' };

export function DiffView({ patch, path, label = 'Changes' }: { patch: string; path: string; label?: string }) {
  // Git's header lines say nothing the card does not say already; '' is the patch's final newline.
  const lines = (parseDiff(patch) ?? []).filter((l) => l.kind !== 'file' && l.text !== '' && !/^diff --git |^(new|deleted) file mode|^index /.test(l.text));
  const language = languageFor(path);
  const shown = lines.slice(0, MAX_ROWS);
  return (
    <div className="diff-view" role="region" aria-label={label}>
      <pre className="diff diff--code">
        {shown.map((line, i) => (
          <span key={i} className={`diff__${line.kind}`}>
            {line.kind === 'hunk' ? (
              line.text
            ) : (
              <>
                <span className="diff__sign" aria-hidden="true">
                  {SIGN[line.kind]}
                </span>
                <Code text={line.text.slice(1)} language={language} />
              </>
            )}
            {'\n'}
          </span>
        ))}
      </pre>
      {lines.length > shown.length && <p className="muted small">{lines.length - shown.length} more lines not shown.</p>}
    </div>
  );
}
