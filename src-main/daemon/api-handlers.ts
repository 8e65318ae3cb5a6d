// The API contract (shared/api.ts) implemented over the daemon's services. Transport-free: the
// loopback HTTP server (host/) and the Electron IPC bridge both call these.
import type { ApiRequest, ApiResponse, ApiRouteName, Health, Status } from '../shared/api.js';
import { AppError } from '../shared/errors.js';
import { modelChoices } from '../agent/index.js';
import type { ApprovalsControl, DemoPhoneControl, HostControl, PairingControl, ProjectsControl, SessionsControl } from './controls.js';
import type { PreferencesControl } from './preferences-control.js';
import type { ComputersControl } from './computers-control.js';

export type ApiHandlers = { [K in ApiRouteName]: (request: ApiRequest<K>) => Promise<ApiResponse<K>> };

/** What the handlers need from the daemon; `Daemon` satisfies it. Only the demo phone may be missing. */
export interface ApiBackend {
  status(): Status;
  health(): Health;
  readonly sessions: SessionsControl;
  readonly approvals: ApprovalsControl;
  readonly pairing: PairingControl;
  readonly preferences: PreferencesControl;
  readonly projects: ProjectsControl;
  readonly computers: ComputersControl;
  /** Only when `npm run demo` built the daemon. */
  readonly demo?: DemoPhoneControl;
}

/** Quit is answered first, then carried out, so the caller sees its request succeed. */
const QUIT_DELAY_MS = 100;

export function createApiHandlers(backend: ApiBackend, host: HostControl): ApiHandlers {
  const { sessions, approvals, pairing, preferences, projects, computers } = backend;
  const demo = (): DemoPhoneControl => {
    if (backend.demo) return backend.demo;
    throw new AppError('API_NOT_FOUND', 'There is no demo phone: only `npm run demo` has one.');
  };
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
    signalCaptcha: async ({ captcha }) => {
      await pairing.solveCaptcha(captcha);
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
    preferencesUpdate: async (patch) => {
      // A new Name renames this computer on the account first; a taken name saves nothing.
      if (patch.deviceName !== undefined) await computers.rename(patch.deviceName);
      return preferences.update(patch);
    },
    anthropicKeySet: async ({ key }) => preferences.setAnthropicKey(key),
    anthropicKeyCheck: ({ key }) => preferences.checkAndSetAnthropicKey(key),
    anthropicKeyClear: async () => preferences.clearAnthropicKey(),
    projects: async () => ({ projects: projects.list() }),
    projectRemove: async ({ id, history }) => projects.remove(id, history),
    computers: async () => ({ computers: computers.list() }),
    models: async () => ({ models: modelChoices() }),
    demoPhone: async () => ({ messages: demo().messages() }),
    demoPhoneSay: async ({ text }) => {
      await demo().say(text);
      return { ok: true };
    },
    quit: async () => {
      setTimeout(() => host.quit(), QUIT_DELAY_MS);
      return { ok: true };
    },
  };
}
