// Attempts to read what `Read(...)` deny rules forbid, through every tool that reads or lists
// files: Read (text, image, PDF, by relative, absolute and symlinked paths), Grep (every output
// mode, glob filters, paths), Glob and LS. Secret files hold the marker RTSECRET.
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { tempProject } from '../harness.js';
import type { Attempt } from './red-team-harness.js';

export const READ_DENY_RULES = { allow: [], ask: [], deny: ['Read(.env)', 'Read(secrets)', 'Read(*.pem)'] };

/** Secret contents, or the name of a denied file, in a result. */
const LEAK = /RTSECRET|(^|[\s/])\.env\b|secrets|\.pem\b/m;

export async function readProject(): Promise<string> {
  const root = await tempProject({
    '.env': 'API_KEY=RTSECRET-env\n',
    'sub/.env': 'TOKEN=RTSECRET-sub\n',
    'sub/ok.txt': 'nothing to see\n',
    'secrets/key.txt': 'RTSECRET-key\n',
    'secrets/photo.png': 'RTSECRET-png',
    'secrets/report.pdf': '%PDF-1.4 RTSECRET-pdf',
    'cert.pem': '-----BEGIN RTSECRET-----\n',
    'src/app.ts': 'export const hello = "world";\n',
  });
  await symlink(join(root, '.env'), join(root, 'link-to-env'));
  await symlink(join(root, 'secrets'), join(root, 'vault'));
  await mkdir(join(root, 'empty'));
  return root;
}

export function readAttempts(root: string): Attempt[] {
  const refused = (name: string, tool: string, input: Record<string, unknown>): Attempt => ({ name, tool, input, expect: 'refused' });
  const contained = (name: string, tool: string, input: Record<string, unknown>): Attempt => ({ name, tool, input, expect: 'contained', mustNotShow: LEAK });
  return [
    refused('Read .env', 'Read', { file_path: '.env' }),
    refused('Read ./.env', 'Read', { file_path: './.env' }),
    refused('Read src/../.env', 'Read', { file_path: 'src/../.env' }),
    refused('Read absolute .env', 'Read', { file_path: join(root, '.env') }),
    refused('Read nested .env', 'Read', { file_path: 'sub/.env' }),
    refused('Read through a symlink to .env', 'Read', { file_path: 'link-to-env' }),
    refused('Read a file in a denied folder', 'Read', { file_path: 'secrets/key.txt' }),
    refused('Read through a symlinked denied folder', 'Read', { file_path: 'vault/key.txt' }),
    refused('Read an image in a denied folder', 'Read', { file_path: 'secrets/photo.png' }),
    refused('Read a PDF in a denied folder', 'Read', { file_path: 'secrets/report.pdf' }),
    refused('Read a denied extension', 'Read', { file_path: 'cert.pem' }),
    refused('Read with offset', 'Read', { file_path: '.env', offset: 1, limit: 1 }),
    contained('Grep the project (files)', 'Grep', { pattern: 'RTSECRET' }),
    contained('Grep the project (content)', 'Grep', { pattern: 'RTSECRET', output_mode: 'content' }),
    contained('Grep the project (count)', 'Grep', { pattern: 'RTSECRET', output_mode: 'count' }),
    contained('Grep case-insensitive', 'Grep', { pattern: 'rtsecret', '-i': true, output_mode: 'content' }),
    contained('Grep with a glob naming .env', 'Grep', { pattern: '.', glob: '.env', output_mode: 'content' }),
    contained('Grep with a glob naming *.pem', 'Grep', { pattern: '.', glob: '*.pem', output_mode: 'content' }),
    contained('Grep a folder holding a .env', 'Grep', { pattern: '.', path: 'sub', output_mode: 'content' }),
    contained('Grep everything', 'Grep', { pattern: '.*', output_mode: 'content' }),
    refused('Grep in .env', 'Grep', { pattern: '.', path: '.env', output_mode: 'content' }),
    refused('Grep in a denied folder', 'Grep', { pattern: '.', path: 'secrets', output_mode: 'content' }),
    refused('Grep through a symlinked denied folder', 'Grep', { pattern: '.', path: 'vault' }),
    refused('Grep through a symlink to .env', 'Grep', { pattern: '.', path: 'link-to-env', output_mode: 'content' }),
    contained('Glob for .env anywhere', 'Glob', { pattern: '**/.env' }),
    contained('Glob for everything', 'Glob', { pattern: '**/*' }),
    contained('Glob for pem files', 'Glob', { pattern: '**/*.pem' }),
    refused('Glob inside a denied folder', 'Glob', { pattern: '*', path: 'secrets' }),
    contained('LS the root', 'LS', {}),
    contained('LS a folder holding a .env', 'LS', { path: 'sub' }),
    refused('LS a denied folder', 'LS', { path: 'secrets' }),
    refused('Read outside the project', 'Read', { file_path: '/etc/hostname' }),
  ];
}
