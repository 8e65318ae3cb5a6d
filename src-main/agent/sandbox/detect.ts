// Whether commands can be sandboxed on this computer, found out once per process and cached:
// Linux needs bwrap and working user namespaces (tried with `bwrap --ro-bind / / true`), macOS
// needs /usr/bin/sandbox-exec; elsewhere (Windows) nothing can confine a command. The answer
// carries a sentence for the owner when there is no sandbox.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export type SandboxSupport =
  | { readonly kind: 'bwrap'; readonly path: string }
  | { readonly kind: 'seatbelt'; readonly path: string }
  | { readonly kind: 'none'; readonly reason: string };

const SANDBOX_EXEC = '/usr/bin/sandbox-exec';

function onPath(name: string, pathVar: string | undefined): string | undefined {
  for (const dir of (pathVar ?? '/usr/bin:/bin').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

export function probeSandbox(platform: NodeJS.Platform = process.platform, pathVar = process.env.PATH): SandboxSupport {
  if (platform === 'darwin') {
    return existsSync(SANDBOX_EXEC) ? { kind: 'seatbelt', path: SANDBOX_EXEC } : { kind: 'none', reason: 'sandbox-exec is missing on this Mac' };
  }
  if (platform !== 'linux') return { kind: 'none', reason: `there is no command sandbox on ${platform}` };
  const bwrap = onPath('bwrap', pathVar) ?? (existsSync('/usr/bin/bwrap') ? '/usr/bin/bwrap' : undefined);
  if (!bwrap) return { kind: 'none', reason: 'bubblewrap (bwrap) is not installed' };
  const tried = spawnSync(bwrap, ['--ro-bind', '/', '/', '--unshare-pid', '--unshare-net', '--die-with-parent', '/bin/sh', '-c', 'true'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 5000,
    encoding: 'utf8',
  });
  if (tried.status === 0) return { kind: 'bwrap', path: bwrap };
  const why = (tried.stderr || tried.error?.message || `exit ${tried.status}`).trim().split('\n')[0];
  return { kind: 'none', reason: `bwrap cannot run here (${why}); user namespaces may be turned off` };
}

let cached: SandboxSupport | undefined;

/** The sandbox this process can use (probed on first call). */
export function sandboxSupport(): SandboxSupport {
  cached ??= probeSandbox();
  return cached;
}
