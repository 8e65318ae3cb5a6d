// Types for electron-exit.mjs (plain JS so scripts run without a TypeScript loader).
export declare const STARTUP_WINDOW_MS: number;
export declare const SANDBOX_HINT: string;
export type ElectronExitVerdict = { action: 'exit'; code: number } | { action: 'headless'; reason: string };
export declare function judgeElectronExit(exit: {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  uptimeMs: number;
  forwarded?: NodeJS.Signals | undefined;
}): ElectronExitVerdict;
export declare function browserOpener(platform: NodeJS.Platform): { cmd: string; args: string[] };
