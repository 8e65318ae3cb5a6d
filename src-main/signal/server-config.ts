// Which Signal server to talk to. Without --signal-config this is Signal's production service
// (libsignal pins its certificates for its own connections; every other HTTPS request trusts
// Signal's root certificate, see signal-root-ca.ts). With it, a JSON file describes another server (tests use
// Signal's mock server, self-hosters their own): the shape is part of the outside contract in
// DESIGN.md. The file is parsed here, at the boundary, and never trusted further in.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../shared/errors.js';
import { SIGNAL_ROOT_CA_PEM } from './signal-root-ca.js';

const base64 = (what: string, bytes?: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, `${what} in base64`)
    .refine((s) => bytes === undefined || Buffer.from(s, 'base64').byteLength === bytes, `${what} of ${bytes} bytes`);

const httpsUrl = z.url({ protocol: /^https$/, error: 'an https:// URL' });

export const ServerConfigFileSchema = z.object({
  chatUrl: httpsUrl,
  storageUrl: httpsUrl,
  cdnUrls: z.object({ '0': httpsUrl, '2': httpsUrl, '3': httpsUrl }),
  /** PEM; trusted for every URL in the file. */
  certificateAuthority: z.string().includes('-----BEGIN CERTIFICATE-----', { error: 'a PEM certificate' }),
  /** Sealed-sender trust roots (33-byte public keys). */
  serverTrustRoots: z.array(base64('a trust root', 33)).min(1),
  serverPublicParams: base64('server public params'),
  genericServerPublicParams: base64('generic server public params'),
  backupServerPublicParams: base64('backup server public params'),
  /** Not in the documented contract: websocket HTTP version for a loopback server (the mock needs 2). */
  httpVersion: z.union([z.literal(1), z.literal(2)]).optional(),
});
export type ServerConfigFile = z.infer<typeof ServerConfigFileSchema>;

export interface SignalServerConfig {
  readonly environment: 'production' | 'custom';
  readonly chatUrl: string;
  readonly storageUrl: string;
  readonly cdnUrls: Readonly<Record<0 | 2 | 3, string>>;
  /**
   * The only CA trusted for HTTPS outside libsignal (CDNs, whoami, gRPC fallback): Signal's root
   * in production, the file's CA for a custom server. Never the system store: Signal's servers
   * present certificates that no public CA issued.
   */
  readonly certificateAuthority: string;
  readonly serverTrustRoots: readonly string[];
  readonly serverPublicParams: string;
  readonly httpVersion: 1 | 2;
}

/** Signal's production service (values as published in Signal's own clients). */
export const PRODUCTION_SERVER_CONFIG: SignalServerConfig = {
  environment: 'production',
  chatUrl: 'https://chat.signal.org',
  storageUrl: 'https://storage.signal.org',
  cdnUrls: { 0: 'https://cdn.signal.org', 2: 'https://cdn2.signal.org', 3: 'https://cdn3.signal.org' },
  certificateAuthority: SIGNAL_ROOT_CA_PEM,
  serverTrustRoots: ['BXu6QIKVz5MA8gstzfOgRQGqyLqOwNKHL6INkv3IHWMF', 'BUkY0I+9+oPgDCn4+Ac6Iu813yvqkDr/ga8DzLxFxuk6'],
  serverPublicParams:
    'AMhf5ywVwITZMsff/eCyudZx9JDmkkkbV6PInzG4p8x3VqVJSFiMvnvlEKWuRob/1eaIetR31IYeAbm0NdOuHH8Qi+Rexi1wLlpzIo1gstHWBfZzy1+qHRV5A4TqPp15YzBPm0WSggW6PbSn+F4lf57VCnHF7p8SvzAA2ZZJPYJURt8X7bbg+H3i+PEjH9DXItNEqs2sNcug37xZQDLm7X36nOoGPs54XsEGzPdEV+itQNGUFEjY6X9Uv+Acuks7NpyGvCoKxGwgKgE5XyJ+nNKlyHHOLb6N1NuHyBrZrgtY/JYJHRooo5CEqYKBqdFnmbTVGEkCvJKxLnjwKWf+fEPoWeQFj5ObDjcKMZf2Jm2Ae69x+ikU5gBXsRmoF94GXQ==',
  httpVersion: 2,
};

/** Parses the JSON of a --signal-config file. `source` names the file in error messages. */
export function parseServerConfig(json: unknown, source: string): SignalServerConfig {
  const parsed = ServerConfigFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the file';
    throw new ConfigError('CONFIG_INVALID', `The Signal server config ${source} is invalid: ${where} should be ${issue?.message ?? 'valid'}.`, {
      hint: 'Fix the file (see the --signal-config section of README.md), or leave the flag out to use Signal itself.',
    });
  }
  const file = parsed.data;
  return {
    environment: 'custom',
    chatUrl: stripSlash(file.chatUrl),
    storageUrl: stripSlash(file.storageUrl),
    cdnUrls: { 0: stripSlash(file.cdnUrls['0']), 2: stripSlash(file.cdnUrls['2']), 3: stripSlash(file.cdnUrls['3']) },
    certificateAuthority: file.certificateAuthority,
    serverTrustRoots: file.serverTrustRoots,
    serverPublicParams: file.serverPublicParams,
    httpVersion: file.httpVersion ?? 2,
  };
}

/** The production config, or the one in the given file. */
export function loadServerConfig(path: string | undefined): SignalServerConfig {
  if (path === undefined) return PRODUCTION_SERVER_CONFIG;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError('CONFIG_UNREADABLE', `The Signal server config ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, {
      hint: 'Check the path given with --signal-config.',
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError('CONFIG_INVALID', `The Signal server config ${path} is not valid JSON.`, { hint: 'Fix the file, or leave the flag out to use Signal itself.' });
  }
  return parseServerConfig(json, path);
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
