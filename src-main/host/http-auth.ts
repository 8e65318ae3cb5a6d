// Who may talk to the loopback server: only requests naming this machine in Host (a DNS-rebinding
// page on evil.example resolving to 127.0.0.1 still sends Host: evil.example), and only with the
// token printed at start-up.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader.trim().toLowerCase());
  if (!match) return false;
  // The first group always matches at least one character.
  const host = match[1] as string;
  const hostPort = match[2];
  if (!LOOPBACK_HOSTS.has(host)) return false;
  return hostPort === undefined || Number(hostPort) === port;
}

/** The token from `Authorization: Bearer …` or `?token=…`. */
export function presentedToken(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return url.searchParams.get('token') ?? undefined;
}

export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
