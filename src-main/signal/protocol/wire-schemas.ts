// Schemas for everything the Signal server (or a peer, through it) hands us: decoded protobuf
// envelopes and provisioning messages, and the JSON bodies of REST responses. Nothing from the
// network is used before it has passed one of these.
import { z } from 'zod';

export const Bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'bytes');
/** A protobuf uint64 that must fit a JS number (timestamps, ids). */
export const U64 = z
  .bigint()
  .refine((v) => v >= 0n && v <= BigInt(Number.MAX_SAFE_INTEGER), 'a 64-bit value in the safe integer range')
  .transform(Number);

export const ENVELOPE_TYPES = {
  DOUBLE_RATCHET: 1,
  PREKEY_MESSAGE: 3,
  SERVER_DELIVERY_RECEIPT: 5,
  UNIDENTIFIED_SENDER: 6,
  PLAINTEXT_CONTENT: 8,
} as const;

export const EnvelopeSchema = z.object({
  type: z.number().int().optional(),
  sourceServiceId: z.string().optional(),
  sourceServiceIdBinary: Bytes.optional(),
  sourceDeviceId: z.number().int().min(1).max(127).optional(),
  destinationServiceId: z.string().optional(),
  destinationServiceIdBinary: Bytes.optional(),
  clientTimestamp: U64.optional(),
  serverTimestamp: U64.optional(),
  content: Bytes.optional(),
  serverGuid: z.string().optional(),
  serverGuidBinary: Bytes.optional(),
  urgent: z.boolean().optional(),
  story: z.boolean().optional(),
  ephemeral: z.boolean().optional(),
  /** The account's new PNI, on the envelope of a change-number sync message. */
  updatedPni: z.string().optional(),
  updatedPniBinary: Bytes.optional(),
});
export type WireEnvelope = z.infer<typeof EnvelopeSchema>;

export const ProvisionEnvelopeSchema = z.object({ publicKey: Bytes, body: Bytes });

export const ProvisionMessageSchema = z
  .object({
    aciIdentityKeyPublic: Bytes,
    aciIdentityKeyPrivate: Bytes,
    pniIdentityKeyPublic: Bytes.optional(),
    pniIdentityKeyPrivate: Bytes.optional(),
    aci: z.string().optional(),
    pni: z.string().optional(),
    aciBinary: Bytes.optional(),
    pniBinary: Bytes.optional(),
    number: z.string().optional(),
    provisioningCode: z.string().min(1),
    userAgent: z.string().optional(),
    profileKey: Bytes.optional(),
    readReceipts: z.boolean().optional(),
    provisioningVersion: z.number().int().optional(),
    masterKey: Bytes.optional(),
    accountEntropyPool: z.string().optional(),
  })
  .refine((m) => m.aciBinary?.byteLength === 16 || m.aci !== undefined, 'the account id (ACI)');
export type ProvisionMessage = z.infer<typeof ProvisionMessageSchema>;

export const LinkDeviceResponseSchema = z.object({
  deviceId: z.number().int().min(2).max(127),
  uuid: z.string().optional(),
  pni: z.string().optional(),
});

export const PreKeyCountSchema = z.object({ count: z.number().int().min(0), pqCount: z.number().int().min(0).optional() });

const KeyJson = z.object({ keyId: z.number().int().min(0), publicKey: z.string() });
const SignedKeyJson = KeyJson.extend({ signature: z.string() });

export const PreKeyBundleResponseSchema = z.object({
  identityKey: z.string(),
  devices: z.array(
    z.object({
      deviceId: z.number().int().min(1).max(127),
      registrationId: z.number().int().min(0),
      signedPreKey: SignedKeyJson,
      preKey: KeyJson.nullish(),
      pqPreKey: SignedKeyJson,
    }),
  ),
});
export type PreKeyBundleResponse = z.infer<typeof PreKeyBundleResponseSchema>;

export const MismatchedDevicesSchema = z.object({
  missingDevices: z.array(z.number().int()).default([]),
  extraDevices: z.array(z.number().int()).default([]),
});
export const StaleDevicesSchema = z.object({ staleDevices: z.array(z.number().int()).default([]) });

export const UploadFormJsonSchema = z.object({
  cdn: z.number().int(),
  key: z.string().min(1),
  headers: z.record(z.string(), z.string()).default({}),
  signedUploadLocation: z.url(),
});
export type UploadForm = z.infer<typeof UploadFormJsonSchema>;

export const UploadFormProtoSchema = z.object({
  uploadForm: z
    .object({
      cdn: z.number().int(),
      key: z.string().min(1),
      headers: z.record(z.string(), z.string()).default({}),
      signedUploadLocation: z.url(),
    })
    .optional(),
});

/** A JSON response body (bytes) through a schema; undefined when it does not fit. */
export function parseJsonBody<S extends z.ZodType>(schema: S, body: Uint8Array | undefined): z.output<S> | undefined {
  if (!body) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(body).toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
