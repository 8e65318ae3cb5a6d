import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Aci, Pni } from '@signalapp/libsignal-client';
import { serviceIdStringFromBinary } from '../../../src-main/signal/protocol/service-ids.js';

test('a binary service id reads as libsignal writes it: an ACI as its bare UUID, a PNI with its prefix', () => {
  const aci = Aci.fromUuid(randomUUID());
  const pni = Pni.fromUuid(randomUUID());
  assert.equal(serviceIdStringFromBinary(aci.getServiceIdBinary()), aci.getServiceIdString());
  assert.equal(serviceIdStringFromBinary(pni.getServiceIdBinary()), pni.getServiceIdString());
  assert.match(serviceIdStringFromBinary(pni.getServiceIdBinary()), /^PNI:/);
});

test('the same bytes read the same every time, also inside a larger buffer, and different ids stay apart', () => {
  const ids = Array.from({ length: 600 }, () => Aci.fromUuid(randomUUID()));
  for (let round = 0; round < 2; round++) {
    for (const id of ids) {
      const inside = new Uint8Array(40);
      inside.set(id.getServiceIdBinary(), 7);
      assert.equal(serviceIdStringFromBinary(inside.subarray(7, 23)), id.getServiceIdString());
    }
  }
  // The ACI and the PNI with the same UUID are two accounts' ids.
  const uuid = randomUUID();
  assert.notEqual(serviceIdStringFromBinary(Aci.fromUuid(uuid).getServiceIdBinary()), serviceIdStringFromBinary(Pni.fromUuid(uuid).getServiceIdBinary()));
});

test('bytes that are no service id are refused, every time', () => {
  for (const bad of [new Uint8Array(3), new Uint8Array(17).fill(9), new Uint8Array(0)]) {
    assert.throws(() => serviceIdStringFromBinary(bad));
    assert.throws(() => serviceIdStringFromBinary(bad));
  }
});
