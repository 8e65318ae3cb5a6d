// Renaming on the server (issue 16): the request Signal Desktop's updateDeviceName makes —
// PUT /v1/accounts/name?deviceId=N with the name encrypted to the account's identity key, which
// the owner's other devices can decrypt — and a refusal or an unreachable server reported as
// "not taken" rather than thrown (the rename still holds locally). Signal's mock server has no
// such route, so the request is read here as a server would receive it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PrivateKey } from '@signalapp/libsignal-client';
import { decryptDeviceName, renameOnServer } from '../../../src-main/signal/link/device-name.js';
import type { ChatApi, ChatRequestOptions } from '../../../src-main/signal/connection/chat-api.js';
import { SignalError } from '../../../src-main/signal/errors.js';

function server(status: number | 'down') {
  const requests: Array<{ verb: string; path: string; options: ChatRequestOptions | undefined }> = [];
  const api: ChatApi = {
    request: async (verb, path, options) => {
      requests.push({ verb, path, options });
      if (status === 'down') throw new SignalError('SIGNAL_NETWORK', 'no answer');
      return { status, body: undefined, headers: [] };
    },
  };
  return { api, requests };
}

test('the new name goes to PUT /v1/accounts/name for this device, readable only with the account identity key', async () => {
  const identity = PrivateKey.generate();
  const { api, requests } = server(204);
  assert.equal(await renameOnServer(api, { deviceId: 3, aciIdentityPrivate: identity.serialize() }, 'studio'), true);
  assert.equal(requests.length, 1);
  const [request] = requests;
  assert.equal(request!.verb, 'PUT');
  assert.equal(request!.path, '/v1/accounts/name?deviceId=3');
  const body = request!.options?.json as { deviceName: string };
  assert.deepEqual(Object.keys(body), ['deviceName']);
  assert.equal(decryptDeviceName(new Uint8Array(Buffer.from(body.deviceName, 'base64')), identity), 'studio');
});

test('a refusal or no answer is "not taken", not an error', async () => {
  const identity = PrivateKey.generate().serialize();
  assert.equal(await renameOnServer(server(404).api, { deviceId: 2, aciIdentityPrivate: identity }, 'x'), false);
  assert.equal(await renameOnServer(server('down').api, { deviceId: 2, aciIdentityPrivate: identity }, 'x'), false);
});
