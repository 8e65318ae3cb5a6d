import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { IdentityChange, PreKeyRecord, PrivateKey, ProtocolAddress } from '@signalapp/libsignal-client';
import { ProtocolState } from '../../../src-main/signal/protocol/protocol-stores.js';
import { ProtocolRepo } from '../../../src-main/store/protocol-repo.js';
import { SignalPreKeyRepo } from '../../../src-main/store/signal-prekey-repo.js';
import { openSignalStore } from '../../helpers/signal-service.js';

function setup(t: Parameters<typeof openSignalStore>[0]) {
  const store = openSignalStore(t);
  const repo = new ProtocolRepo(store);
  const prekeys = new SignalPreKeyRepo(store);
  const state = new ProtocolState(repo, prekeys, { aci: { privateKey: PrivateKey.generate(), registrationId: 42 }, pni: undefined });
  return { store, repo, prekeys, state };
}

test('writes stay in the overlay until committed inside the caller\u2019s transaction; a failed operation leaves the database as it was', async (t) => {
  const { store, repo, prekeys, state } = setup(t);
  const peer = ProtocolAddress.new(randomUUID(), 1);
  const key = PrivateKey.generate();
  const prekey = PreKeyRecord.new(7, key.getPublicKey(), key);

  await assert.rejects(
    state.run(async (s) => {
      const stores = s.stores('aci');
      await stores.identity.saveIdentity(peer, key.getPublicKey());
      await stores.preKey.savePreKey(7, prekey);
      assert.ok(await stores.identity.getIdentity(peer), 'reads see the overlay');
      throw new Error('decryption failed');
    }),
    /decryption failed/,
  );
  assert.equal(repo.getIdentity(peer.name()), undefined);
  assert.equal(prekeys.getPreKey('aci', 7), undefined);

  await state.run(async (s) => {
    const stores = s.stores('aci');
    await stores.identity.saveIdentity(peer, key.getPublicKey());
    await stores.preKey.savePreKey(7, prekey);
    store.transaction(() => s.commit());
  });
  assert.ok(repo.getIdentity(peer.name()));
  assert.ok(prekeys.getPreKey('aci', 7));

  await state.run(async (s) => {
    await s.stores('aci').preKey.removePreKey(7);
    await assert.rejects(s.stores('aci').preKey.getPreKey(7), /no pre-key 7/);
    store.transaction(() => s.commit());
  });
  assert.equal(prekeys.getPreKey('aci', 7), undefined);
});

test('a peer\u2019s new identity key is recorded as a change and sending to it waits for confirmation', async (t) => {
  const { store, repo, state } = setup(t);
  const peer = ProtocolAddress.new(randomUUID(), 1);
  const first = PrivateKey.generate().getPublicKey();
  const second = PrivateKey.generate().getPublicKey();
  await state.run(async (s) => {
    const identity = s.stores('aci').identity;
    assert.equal(await identity.saveIdentity(peer, first), IdentityChange.NewOrUnchanged);
    assert.equal(await identity.saveIdentity(peer, second), IdentityChange.ReplacedExisting);
    assert.ok(s.identityChangedDuringOperation(peer.name()));
    store.transaction(() => s.commit());
  });
  assert.deepEqual(repo.openIdentityChanges().map((c) => c.serviceId), [peer.name()]);
  await state.run(async (s) => {
    assert.equal(await s.stores('aci').identity.isTrustedIdentity(peer, second, 0 /* sending */), false);
    assert.equal(await s.stores('aci').identity.isTrustedIdentity(peer, second, 1 /* receiving */), true);
  });
  repo.confirmIdentityChanges(peer.name());
  await state.run(async (s) => assert.equal(await s.stores('aci').identity.isTrustedIdentity(peer, second, 0), true));
});

test('operations run one at a time', async (t) => {
  const { state } = setup(t);
  const order: string[] = [];
  await Promise.all(
    ['a', 'b', 'c'].map((name) =>
      state.run(async () => {
        order.push(`${name}:start`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push(`${name}:end`);
      }),
    ),
  );
  assert.deepEqual(order, ['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
});

test('the identity key pair libsignal asks for is this account\u2019s, for each identity', async (t) => {
  const store = openSignalStore(t);
  const aci = PrivateKey.generate();
  const pni = PrivateKey.generate();
  const state = new ProtocolState(new ProtocolRepo(store), new SignalPreKeyRepo(store), { aci: { privateKey: aci, registrationId: 1 }, pni: { privateKey: pni, registrationId: 2 } });
  for (const [kind, key] of [['aci', aci], ['pni', pni]] as const) {
    const identity = state.stores(kind).identity;
    for (let i = 0; i < 2; i++) {
      const pair = await identity.getIdentityKeyPair();
      assert.deepEqual(pair.publicKey.serialize(), key.getPublicKey().serialize(), `${kind}, call ${i + 1}`);
      assert.deepEqual(pair.privateKey.serialize(), key.serialize());
    }
  }
});
