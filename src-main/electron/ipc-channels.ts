// The named IPC channels between the preload and the main process: one per API route, one for
// events, one for opening a view. Shared by both sides; imports nothing at runtime, so the
// sandboxed preload bundle stays tiny.
import type { ApiRouteName } from '../shared/api.js';

export const API_CHANNELS = {
  status: 'api:status',
  health: 'api:health',
  pairing: 'api:pairing',
  pairingStart: 'api:pairingStart',
  identityChanges: 'api:identityChanges',
  identityConfirm: 'api:identityConfirm',
  signalCaptcha: 'api:signalCaptcha',
  sessions: 'api:sessions',
  session: 'api:session',
  sessionTranscript: 'api:sessionTranscript',
  sessionStop: 'api:sessionStop',
  sessionRestart: 'api:sessionRestart',
  approvalAnswer: 'api:approvalAnswer',
  preferences: 'api:preferences',
  preferencesUpdate: 'api:preferencesUpdate',
  anthropicKeySet: 'api:anthropicKeySet',
  anthropicKeyCheck: 'api:anthropicKeyCheck',
  anthropicKeyClear: 'api:anthropicKeyClear',
  projects: 'api:projects',
  projectRemove: 'api:projectRemove',
  computers: 'api:computers',
  models: 'api:models',
  // Answered API_NOT_FOUND in the desktop app: only `npm run demo` (headless) has a demo phone.
  demoPhone: 'api:demoPhone',
  demoPhoneSay: 'api:demoPhoneSay',
  quit: 'api:quit',
} as const satisfies Record<ApiRouteName, `api:${ApiRouteName}`>;

export const EVENT_CHANNEL = 'app:event';
export const OPEN_VIEW_CHANNEL = 'app:open-view';
