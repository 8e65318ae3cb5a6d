// Finishing the link once the phone has sent its provision message: register this computer as a
// new device of the account (PUT /v1/devices/link with our registration ids, signed pre-keys,
// last-resort Kyber keys and the encrypted device name), then store the account and its keys.
// Signal's server wants all four signed keys (ACI and PNI), so a provision message without the
// account's PNI identity is refused here, before anything is sent or stored.
import { randomBytes, randomInt } from 'node:crypto';
import { Aci, Pni, PrivateKey } from '@signalapp/libsignal-client';
import type { Logger } from '../../shared/logger.js';
import type { Store } from '../../store/database.js';
import type { ProtocolRepo } from '../../store/protocol-repo.js';
import { SignalAccountRepo, type SignalAccount } from '../../store/signal-account-repo.js';
import type { SignalPreKeyRepo } from '../../store/signal-prekey-repo.js';
import { chatRequest } from '../connection/chat-api.js';
import { encryptDeviceName } from './device-name.js';
import { SignalError } from '../errors.js';
import { generateLinkKeys, signedKeyJson, storeLinkKeys } from './keys.js';
import type { Net } from '../connection/net-factory.js';
import { LinkDeviceResponseSchema, parseJsonBody, type ProvisionMessage } from '../protocol/wire-schemas.js';

export interface LinkDependencies {
  readonly net: Net;
  readonly store: Store;
  readonly accounts: SignalAccountRepo;
  readonly prekeys: SignalPreKeyRepo;
  readonly protocol: ProtocolRepo;
  readonly logger: Logger;
  readonly now: () => number;
}

/** Signal registration ids are 14-bit, never 0. */
export function generateRegistrationId(): number {
  return randomInt(1, 0x3fff);
}

function parseIds(message: ProvisionMessage): { aci: string; pni: string | null } {
  try {
    const aci = message.aciBinary?.byteLength === 16 ? Aci.fromUuidBytes(message.aciBinary).getServiceIdString() : Aci.parseFromServiceIdString(message.aci ?? '').getServiceIdString();
    let pni: string | null = null;
    if (message.pniBinary?.byteLength === 16) pni = Pni.fromUuidBytes(message.pniBinary).getServiceIdString();
    else if (message.pni) pni = Pni.parseFromServiceIdString(message.pni.startsWith('PNI:') ? message.pni : `PNI:${message.pni}`).getServiceIdString();
    return { aci, pni };
  } catch (error) {
    throw new SignalError('SIGNAL_MALFORMED', 'The linking message from the phone carries an invalid account id.', { cause: error });
  }
}

function privateKey(bytes: Uint8Array | undefined, what: string): PrivateKey {
  try {
    return PrivateKey.deserialize(new Uint8Array(bytes ?? []));
  } catch (error) {
    throw new SignalError('SIGNAL_MALFORMED', `The linking message from the phone carries an invalid ${what} identity key.`, { cause: error });
  }
}

function failure(status: number): SignalError {
  const hints: Record<number, string> = {
    403: 'The code from the phone was refused (it may have expired). Scan the new QR code.',
    409: 'The phone asked for features this app does not have. Update Signal Claude.',
    411: 'The account already has the most linked devices Signal allows. Remove one in Signal on the phone (Settings → Linked devices).',
    429: 'Signal is limiting link attempts. Wait a few minutes and scan again.',
  };
  return new SignalError('SIGNAL_LINK_FAILED', `The Signal server refused to link this computer (HTTP ${status}).`, { hint: hints[status] ?? 'Scan the QR code again.' });
}

/** Registers this computer as a linked device and stores the account; returns it. */
export async function completeLink(deps: LinkDependencies, message: ProvisionMessage, deviceName: string): Promise<SignalAccount> {
  const { aci, pni } = parseIds(message);
  const aciKey = privateKey(message.aciIdentityKeyPrivate, 'ACI');
  if (!pni || !message.pniIdentityKeyPrivate) {
    throw new SignalError('SIGNAL_LINK_FAILED', 'The phone did not send the account\u2019s phone-number identity (PNI), which Signal needs to link a computer.', {
      hint: 'Update Signal on the phone and scan the QR code again.',
    });
  }
  const pniKey = privateKey(message.pniIdentityKeyPrivate, 'PNI');
  const now = deps.now();
  const registrationId = generateRegistrationId();
  const pniRegistrationId = generateRegistrationId();
  const password = randomBytes(18).toString('base64');
  const aciKeys = generateLinkKeys(aciKey, now);
  const pniKeys = generateLinkKeys(pniKey, now);

  const body = {
    verificationCode: message.provisioningCode,
    accountAttributes: {
      fetchesMessages: true,
      registrationId,
      pniRegistrationId,
      name: Buffer.from(encryptDeviceName(deviceName, aciKey.getPublicKey())).toString('base64'),
      capabilities: { attachmentBackfill: true, spqr: true, usernameChangeSyncMessage: true },
    },
    aciSignedPreKey: signedKeyJson(aciKeys.signedPreKey),
    aciPqLastResortPreKey: signedKeyJson(aciKeys.lastResort),
    pniSignedPreKey: signedKeyJson(pniKeys.signedPreKey),
    pniPqLastResortPreKey: signedKeyJson(pniKeys.lastResort),
  };

  const connection = await deps.net.connectUnauthenticatedChat({ onConnectionInterrupted: () => undefined }).catch((error: unknown) => {
    throw new SignalError('SIGNAL_NETWORK', 'Could not reach the Signal server to finish linking.', { cause: error });
  });
  let response;
  try {
    // The server does not know the device yet; only the password of the Basic header matters to
    // it (Signal's mock also checks the user name is the ACI).
    const authorization = `Basic ${Buffer.from(`${aci}:${password}`).toString('base64')}`;
    response = await chatRequest(connection, 'PUT', '/v1/devices/link', { json: body, headers: [['authorization', authorization]], timeoutMs: 30_000 });
  } finally {
    await connection.disconnect().catch(() => undefined);
  }
  if (response.status !== 200) throw failure(response.status);
  const linked = parseJsonBody(LinkDeviceResponseSchema, response.body);
  if (!linked) throw new SignalError('SIGNAL_MALFORMED', 'The Signal server answered the link request with something unexpected.');

  const account: Omit<SignalAccount, 'state' | 'stateReason' | 'linkedAt'> = {
    aci,
    pni,
    number: message.number ?? null,
    deviceId: linked.deviceId,
    deviceName,
    password,
    registrationId,
    pniRegistrationId,
    aciIdentityPrivate: aciKey.serialize(),
    pniIdentityPrivate: pniKey.serialize(),
    profileKey: message.profileKey ?? null,
    masterKey: message.masterKey ?? null,
    accountEntropyPool: message.accountEntropyPool ?? null,
  };
  deps.accounts.clearLink();
  deps.protocol.invalidate();
  deps.store.transaction(() => {
    deps.accounts.insert(account);
    storeLinkKeys(deps.prekeys, 'aci', aciKeys);
    storeLinkKeys(deps.prekeys, 'pni', pniKeys);
    // Our own account's devices all speak with this identity key.
    deps.protocol.putIdentity(aci, aciKey.getPublicKey().serialize());
  });
  deps.logger.info({ mod: 'signal.link', deviceId: linked.deviceId }, 'linked as a new device');
  const stored = deps.accounts.get();
  if (!stored) throw new SignalError('SIGNAL_LINK_FAILED', 'The new link could not be stored.');
  return stored;
}
