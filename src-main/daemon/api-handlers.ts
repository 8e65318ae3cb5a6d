// The API contract (shared/api.ts) implemented over the daemon's services. Transport-free: the
// headless HTTP server and the Electron IPC bridge both call these.
import type { ApiRequest, ApiResponse, ApiRouteName, Health, Status } from '../shared/api.js';
import type { Settings } from '../shared/config.js';
import { SecretsRepo } from '../store/secrets-repo.js';
import type { Store } from '../store/database.js';
import {
  noApprovals,
  noDemoPhone,
  noPairing,
  noSessions,
  type ApprovalsControl,
  type DemoPhoneControl,
  type HostControl,
  type PairingControl,
  type ProjectsControl,
  type SessionsControl,
} from './controls.js';
import type { EventBus } from './event-bus.js';
import { PreferencesControl } from './preferences-control.js';

export type ApiHandlers = { [K in ApiRouteName]: (request: ApiRequest<K>) => Promise<ApiResponse<K>> };

/**
 * What the handlers need from the daemon. `Daemon` satisfies it; the optional controls are the
 * pieces still being built (sessions/chat, the Signal link): when the Daemon exposes one under
 * that name it is used, until then an honest stand-in from controls.ts answers.
 */
export interface ApiBackend {
  readonly settings: Settings;
  readonly store: Store;
  readonly events: EventBus;
  status(): Status;
  health(): Health;
  readonly sessions?: SessionsControl;
  readonly approvals?: ApprovalsControl;
  readonly pairing?: PairingControl;
  readonly preferences?: PreferencesControl;
  readonly projects?: ProjectsControl;
  /** Only when `npm run demo` built the daemon. */
  readonly demo?: DemoPhoneControl;
}

/** Headless: Quit stops the daemon the way SIGTERM does (orderly, within 5 s). */
export const processHost: HostControl = {
  quit: () => process.kill(process.pid, 'SIGTERM'),
};

/** Quit is answered first, then carried out, so the caller sees its request succeed. */
const QUIT_DELAY_MS = 100;

export function createApiHandlers(backend: ApiBackend, host: HostControl = processHost): ApiHandlers {
  const sessions = backend.sessions ?? noSessions;
  const approvals = backend.approvals ?? noApprovals;
  const pairing = backend.pairing ?? noPairing(() => backend.status().signal.state);
  const preferences =
    backend.preferences ??
    new PreferencesControl({ dataDir: backend.settings.dataDir, startup: backend.settings, secrets: new SecretsRepo(backend.store), events: backend.events });
  return {
    status: async () => backend.status(),
    health: async () => backend.health(),
    pairing: async () => pairing.current(),
    pairingStart: () => pairing.start(),
    identityChanges: async () => ({ changes: pairing.identityChanges() }),
    identityConfirm: async ({ id }) => {
      await pairing.confirmIdentity(id);
      return { ok: true };
    },
    sessions: async () => ({ sessions: sessions.list() }),
    session: async ({ id }) => sessions.get(id),
    sessionTranscript: async ({ id }) => ({ entries: sessions.transcript(id) }),
    sessionStop: ({ id }) => sessions.stop(id),
    sessionRestart: ({ id }) => sessions.restart(id),
    approvalAnswer: async ({ id, decision, reason }) => {
      await approvals.answer(id, decision, reason);
      return { ok: true };
    },
    preferences: async () => preferences.view(),
    preferencesUpdate: async (patch) => preferences.update(patch),
    anthropicKeySet: async ({ key }) => preferences.setAnthropicKey(key),
    anthropicKeyClear: async () => preferences.clearAnthropicKey(),
    projects: async () => ({ projects: backend.projects?.list() ?? [] }),
    demoPhone: async () => ({ messages: (backend.demo ?? noDemoPhone()).messages() }),
    demoPhoneSay: async ({ text }) => {
      await (backend.demo ?? noDemoPhone()).say(text);
      return { ok: true };
    },
    quit: async () => {
      setTimeout(() => host.quit(), QUIT_DELAY_MS);
      return { ok: true };
    },
  };
}
