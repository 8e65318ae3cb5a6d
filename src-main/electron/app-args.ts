// The app's own flags out of Electron's argv. Electron puts its binary, the app folder (when not
// packaged) and switches for Chromium or Node (--inspect=0, --remote-debugging-port=0, …) in
// process.argv as well; those are not ours and are dropped, our flags keep their values.
const VALUE_FLAGS = new Set(['--data-dir', '--port', '--signal-config', '--project-root', '--log-level', '--model', '--permission-mode']);
const BOOLEAN_FLAGS = new Set(['--debug-log-content', '--help', '-h', '--version', '-v']);

export function appArgv(argv: readonly string[], packaged: boolean): string[] {
  const rest = argv.slice(packaged ? 1 : 2);
  const out: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    const name = arg.split('=')[0] ?? arg;
    if (VALUE_FLAGS.has(name)) {
      out.push(arg);
      if (!arg.includes('=') && i + 1 < rest.length) out.push(rest[++i] ?? '');
    } else if (BOOLEAN_FLAGS.has(arg)) {
      out.push(arg);
    }
  }
  return out;
}
