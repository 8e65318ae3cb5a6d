// What Claude is told when a sandboxed command failed because of the sandbox, so it asks the
// owner instead of retrying the same thing: a short note appended to the Bash result when the
// output shows a write refused by the read-only filesystem or a network that is not there.
// A file replaced by renaming onto a read-only mount (git writes its config so) fails with EBUSY.
const READ_ONLY = /Read-only file system|\bEROFS\b|Device or resource busy|\bEBUSY\b/;
const NO_NETWORK = /Network is unreachable|\bENETUNREACH\b|Could not resolve host|Temporary failure in name resolution|\bEAI_AGAIN\b|getaddrinfo ENOTFOUND|Name or service not known|Connection refused|\bECONNREFUSED\b/;

export const READ_ONLY_HINT =
  '[Sandbox: this command runs in a sandbox where only the project folder and a private /tmp are writable, and in the project ' +
  'not .git/hooks, .git/config, .claude/, editor folders or shell and package-manager settings; the rest of the ' +
  'filesystem is read-only and the home folder is hidden. Do not retry the write elsewhere: if it is needed, ask the owner.]';
export const NETWORK_HINT =
  '[Sandbox: the network is off for this project\'s commands (even 127.0.0.1 of the computer is not reachable). Do not retry: ' +
  'if the command needs the network, ask the owner, who can allow it with /net on.]';

/** The note to append to a sandboxed command's output, if its failure looks like the sandbox's doing. */
export function sandboxHint(output: string, network: boolean): string | undefined {
  const notes: string[] = [];
  if (READ_ONLY.test(output)) notes.push(READ_ONLY_HINT);
  if (!network && NO_NETWORK.test(output)) notes.push(NETWORK_HINT);
  return notes.length > 0 ? notes.join('\n') : undefined;
}
