// The launchd agent as launchd reads it: a property list (parsed back by the same library that
// Apple-format tools in npm use) that restarts the daemon after a crash but not after a clean
// stop, throttles a crash loop, logs where Console finds it, and holds no secret.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'plist';
import { AGENT_LABEL, parseLaunchdPlist, renderLaunchdPlist, THROTTLE_SECONDS } from '../../../src-main/headless/service/launchd-plist.js';
import { serviceSpec } from '../../../src-main/headless/service/service-spec.js';

const spec = serviceSpec({
  node: '/opt/homebrew/bin/node',
  entry: '/Users/o/My <Apps> & Co/signal-claude/dist/cli.js',
  dataDir: '/Users/o/Library/Application Support/Signal Claude',
  flags: { permissionMode: 'plan' },
  env: { PATH: '/opt/homebrew/bin:/usr/bin:/bin', ANTHROPIC_API_KEY: 'sk-ant-secret' },
});
const logFile = '/Users/o/Library/Logs/Signal Claude/daemon.log';

test('the agent restarts the daemon after a failure, throttled, and logs under ~/Library/Logs', () => {
  const text = renderLaunchdPlist(spec, logFile);
  assert.match(text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<!DOCTYPE plist PUBLIC "-\/\/Apple\/\/DTD PLIST 1.0\/\/EN"/);
  const agent = parse(text) as Record<string, unknown>;
  assert.equal(agent.Label, AGENT_LABEL);
  assert.equal(agent.RunAtLoad, true, 'starts at login');
  assert.deepEqual(agent.KeepAlive, { SuccessfulExit: false }, 'restarts after a crash or kill, not after a clean stop');
  assert.equal(agent.ThrottleInterval, THROTTLE_SECONDS);
  assert.equal(agent.StandardOutPath, logFile);
  assert.equal(agent.StandardErrorPath, logFile);
  assert.deepEqual(agent.EnvironmentVariables, { PATH: '/opt/homebrew/bin:/usr/bin:/bin' });
  assert.doesNotMatch(text, /sk-ant-secret/);
});

test('the program arguments survive XML-special characters and read back exactly', () => {
  const text = renderLaunchdPlist(spec, logFile);
  assert.match(text, /My &lt;Apps&gt; &amp; Co/);
  assert.deepEqual(parseLaunchdPlist(text).ProgramArguments, spec.command);
  assert.deepEqual(spec.command.slice(1), ['/Users/o/My <Apps> & Co/signal-claude/dist/cli.js', '--data-dir', '/Users/o/Library/Application Support/Signal Claude', '--permission-mode', 'plan']);
});

test('a file that is not an agent is refused with the reason', () => {
  assert.throws(() => parseLaunchdPlist('<?xml version="1.0"?><plist version="1.0"><dict><key>Label</key><string>x</string></dict></plist>'), /ProgramArguments/);
});
