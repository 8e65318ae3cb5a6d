// Where the headless CLI writes: stdout for lines scripts read (Dashboard, Link URL, status),
// stderr for the one-line errors. Its own file, so the CLI's parts share it without a circle.
export interface Io {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  /** A person is watching (draw the pairing QR code), not a script. */
  readonly isTerminal: boolean;
}

export const processIo: Io = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  isTerminal: process.stdout.isTTY === true,
};
