// The small interfaces the API handlers delegate to. The Daemon builds one of each over its
// services (session-controls.ts, pairing-control.ts); tests hand in the real ones too.
import type { ApprovalDecision, DemoPhoneMessage, IdentityChange, Pairing, ProjectView, RemovedProject, SessionSummary, TranscriptEntry } from '../shared/api.js';

export interface SessionsControl {
  list(): SessionSummary[];
  /** Throws AppError SESSION_NOT_FOUND for an unknown id. */
  get(id: string): SessionSummary;
  /** The stored transcript, oldest first. Throws SESSION_NOT_FOUND. */
  transcript(id: string): TranscriptEntry[];
  /** Ends the session (TERMINATING → TERMINATED). Throws SESSION_NOT_FOUND or SESSION_STATE. */
  stop(id: string): Promise<SessionSummary>;
  /** Starts a crashed or stopped session's worker again. Throws SESSION_NOT_FOUND or SESSION_STATE. */
  restart(id: string): Promise<SessionSummary>;
}

export interface ApprovalsControl {
  /** Answers a pending approval as the owner would from the phone. Throws API_NOT_FOUND when none is pending under that id. */
  answer(id: string, decision: ApprovalDecision, reason?: string): Promise<void>;
}

export interface PairingControl {
  current(): Pairing;
  /** Shows a code again (e.g. after unlinked-by-phone); the URL and each renewal are also published as "pairing" events. */
  start(): Promise<Pairing>;
  identityChanges(): IdentityChange[];
  /** Throws API_NOT_FOUND for an unknown id. */
  confirmIdentity(id: string): Promise<void>;
  /** Answers Signal's send challenge with a solved captcha. Throws API_NOT_FOUND when none is asked for, API_BAD_REQUEST when Signal refused it. */
  solveCaptcha(captcha: string): Promise<void>;
}

export interface ProjectsControl {
  list(): ProjectView[];
  /** As /forget <project>: ends its sessions, keeps or deletes its history. Throws API_NOT_FOUND for an unknown id. */
  remove(id: string, history: 'keep' | 'delete'): RemovedProject;
}

/**
 * `npm run demo` only: the simulated phone (Signal's mock server) behind the page's DEMO panel.
 * It is handed to the Daemon by scripts/demo/ and nothing else: no flag, variable or setting
 * creates one, so a normal app has no such phone and its routes answer API_NOT_FOUND.
 */
export interface DemoPhoneControl {
  /** What the phone's Note to Self shows now, oldest first. */
  messages(): DemoPhoneMessage[];
  /** The owner writes in Note to Self (through the mock server, like a real phone). */
  say(text: string): Promise<void>;
  /** Called whenever the phone shows something new (a message or an edit). */
  onChange(listener: () => void): () => void;
}

/** What only the host process can do (the Electron app or the headless CLI). */
export interface HostControl {
  quit(): void;
}
