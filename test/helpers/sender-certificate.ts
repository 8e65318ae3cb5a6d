// Makes a simulated phone seal its messages with a sender certificate that expires at a given
// time (the mock's own certificates never expire): how the real server's certificates, valid for
// about a day, look to a computer that was offline longer than that.
import { generateSenderCertificate } from '@signalapp/mock-server/src/crypto.js';
import { ServiceIdKind, type MockSignal, type PrimaryDevice } from './mock-signal.js';

export async function sealWithCertificateExpiring(mock: MockSignal, phone: PrimaryDevice, expires: number): Promise<void> {
  // Both are private in the mock's typings; this is the path its own getSenderCertificate takes.
  const serverCertificate = (mock.server as unknown as { certificate: Parameters<typeof generateSenderCertificate>[0] }).certificate;
  const device = phone.device;
  const certificate = generateSenderCertificate(serverCertificate, {
    aci: device.aci,
    number: device.number,
    deviceId: device.deviceId,
    identityKey: await device.getIdentityKey(ServiceIdKind.ACI),
    expires,
  });
  (phone as unknown as { privSenderCertificate: unknown }).privSenderCertificate = certificate;
}
