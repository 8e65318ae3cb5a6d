// The YAML front matter of Claude Code's Markdown definitions (skills' SKILL.md, subagents'
// .claude/agents/*.md): `---` lines around YAML, then the body. The YAML parser (the `yaml`
// package) loads on first use, from a worker chunk of its own in the bundle, so a session
// without such files never parses it. Broken YAML gives no fields rather than an error: the
// file's name and body still make a usable definition.
export async function splitFrontMatter(text: string): Promise<{ readonly fields: unknown; readonly body: string }> {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) return { fields: {}, body: text };
  let fields: unknown = {};
  try {
    const yaml = await import('yaml');
    // A CommonJS build: Node names its exports, a bundle hands over module.exports as `default`.
    const parse = yaml.parse ?? (yaml as unknown as { default: typeof yaml }).default.parse;
    fields = parse(m[1] as string) ?? {};
  } catch {
    fields = {};
  }
  return { fields, body: text.slice(m[0].length) };
}

/** The first paragraph of a Markdown body, headings left out, on one line. */
export function firstParagraph(body: string): string {
  return (body.split(/\r?\n\s*\r?\n/).map((p) => p.replace(/^#+\s.*$/gm, '').trim()).find(Boolean) ?? '').replace(/\s+/g, ' ');
}
