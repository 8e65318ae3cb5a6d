// The only bridge between the sandboxed renderer and the app: one function per API route, each
// on its own named channel, plus events and opening a view. No ipcRenderer, no Node, nothing
// generic crosses contextBridge. Bundled as CommonJS (sandboxed preloads cannot be modules).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AppView, DesktopBridge } from '../shared/api.js';
import { API_CHANNELS, EVENT_CHANNEL, OPEN_VIEW_CHANNEL } from './ipc-channels.js';

const api = Object.fromEntries(
  Object.entries(API_CHANNELS).map(([route, channel]) => [route, (request: unknown) => ipcRenderer.invoke(channel, request)]),
) as unknown as DesktopBridge['api'];

const bridge: DesktopBridge = {
  api,
  onEvent(listener) {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
  openView: (view: AppView) => ipcRenderer.invoke(OPEN_VIEW_CHANNEL, view),
};

contextBridge.exposeInMainWorld('signalClaude', bridge);
