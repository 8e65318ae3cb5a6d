// Every window's security settings and where it may go, asserted without an Electron binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAllowedExternalUrl, isTrustedSenderUrl, RENDERER_CSP, rendererUrl, secureWebPreferences } from '../../src-main/electron/web-preferences.js';

test('windows run sandboxed and isolated, with no Node in the page', () => {
  const prefs = secureWebPreferences('/app/dist/preload.cjs');
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.experimentalFeatures, false);
  assert.equal(prefs.preload, '/app/dist/preload.cjs');
});

test('the renderer CSP allows only its own files: no inline or eval script, no inline style, no framing', () => {
  const directives = Object.fromEntries(RENDERER_CSP.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
  assert.equal(directives['default-src'], "'self'");
  assert.equal(directives['script-src'], "'self'");
  assert.equal(directives['style-src'], "'self'");
  assert.equal(directives['object-src'], "'none'");
  assert.equal(directives['frame-ancestors'], "'none'");
  assert.doesNotMatch(RENDERER_CSP, /unsafe-(inline|eval)/);
});

test('IPC is answered only for frames of our renderer', () => {
  assert.equal(isTrustedSenderUrl(rendererUrl({ view: 'popover' })), true);
  assert.equal(isTrustedSenderUrl('app://renderer/index.html#/session/abc'), true);
  for (const url of ['https://evil.example/', 'file:///app/dist-renderer/index.html', 'app://other/index.html', 'http://127.0.0.1:5000/', 'devtools://devtools/', '', undefined, 'not a url']) {
    assert.equal(isTrustedSenderUrl(url), false, String(url));
  }
});

test('only allowlisted https links go to the browser', () => {
  assert.equal(isAllowedExternalUrl('https://support.signal.org/hc/articles/360007320451'), true);
  assert.equal(isAllowedExternalUrl('https://console.anthropic.com/settings/keys'), true);
  assert.equal(isAllowedExternalUrl('https://signalcaptchas.org/challenge/generate'), true, 'the captcha page of a send challenge');
  for (const url of ['http://signal.org/', 'https://signal.org.evil.example/', 'https://user@signal.org/', 'file:///etc/passwd', 'javascript:alert(1)', 'https://example.com/']) {
    assert.equal(isAllowedExternalUrl(url), false, url);
  }
});

test('each view has its own URL on the app scheme', () => {
  assert.equal(rendererUrl({ view: 'preferences' }), 'app://renderer/index.html#/preferences');
  assert.equal(rendererUrl({ view: 'session', id: 'a/b c' }), 'app://renderer/index.html#/session/a%2Fb%20c');
});
