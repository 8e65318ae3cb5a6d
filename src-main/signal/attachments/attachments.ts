// Moving attachments between us and Signal's CDNs: download (size-limited) and decrypt what a
// message points at; encrypt and upload (tus, CDN3) what we send, returning the pointer.
import type { ChatApi } from '../connection/chat-api.js';
import { decryptAttachment, encryptAttachment } from './attachment-crypto.js';
import type { AttachmentPointer } from '../receive/content-parser.js';
import { SignalError } from '../errors.js';
import { grpcUnary, httpRequest } from '../connection/https-client.js';
import { decodeProto, encodeProto } from '../protocol/proto.js';
import type { SignalServerConfig } from '../server-config.js';
import { parseJsonBody, UploadFormJsonSchema, UploadFormProtoSchema, type UploadForm } from '../protocol/wire-schemas.js';

/** Signal's own limit for attachments. */
export const DEFAULT_MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024;

export function attachmentUrl(config: SignalServerConfig, pointer: AttachmentPointer): string {
  const cdn = pointer.cdnNumber ?? 0;
  if (cdn === 3 || cdn === 2) {
    if (!pointer.cdnKey) throw new SignalError('SIGNAL_ATTACHMENT', 'The attachment has no CDN key.');
    return `${config.cdnUrls[cdn]}/attachments/${encodeURIComponent(pointer.cdnKey)}`;
  }
  if (cdn !== 0) throw new SignalError('SIGNAL_ATTACHMENT', `The attachment lives on an unknown CDN (${cdn}).`);
  const id = pointer.cdnId !== undefined ? String(pointer.cdnId) : pointer.cdnKey;
  if (!id) throw new SignalError('SIGNAL_ATTACHMENT', 'The attachment has no CDN id.');
  return `${config.cdnUrls[0]}/attachments/${encodeURIComponent(id)}`;
}

/** Downloads, verifies and decrypts one attachment. */
export async function downloadAttachment(config: SignalServerConfig, pointer: AttachmentPointer, maxBytes = DEFAULT_MAX_ATTACHMENT_BYTES): Promise<Uint8Array> {
  if (!pointer.key) throw new SignalError('SIGNAL_ATTACHMENT', 'The attachment has no key.');
  if (pointer.size !== undefined && pointer.size > maxBytes) {
    throw new SignalError('SIGNAL_ATTACHMENT', `The attachment is ${pointer.size} bytes, more than the limit of ${maxBytes}.`);
  }
  // The encrypted blob is the padded plaintext plus IV, block padding and MAC.
  const response = await httpRequest(attachmentUrl(config, pointer), { ca: config.certificateAuthority, maxBytes: Math.ceil(maxBytes * 1.06) + 1024, timeoutMs: 60_000 });
  if (response.status === 404) throw new SignalError('SIGNAL_ATTACHMENT', 'The attachment is no longer on the server.');
  if (response.status !== 200) throw new SignalError('SIGNAL_ATTACHMENT', `The CDN answered ${response.status} for an attachment.`);
  return decryptAttachment(response.body, pointer.key, pointer.digest, pointer.size);
}

/** Where to upload: the chat server's REST route, or its gRPC route on servers that only offer that. */
export async function getUploadForm(api: ChatApi, config: SignalServerConfig, auth: { username: string; password: string }, uploadLength: number): Promise<UploadForm> {
  const response = await api.request('GET', `/v4/attachments/form/upload?uploadLength=${uploadLength}`);
  if (response.status === 200) {
    const form = parseJsonBody(UploadFormJsonSchema, response.body);
    if (form) return form;
  }
  if (response.status === 413) throw new SignalError('SIGNAL_ATTACHMENT', 'The attachment is larger than the server accepts.');
  if (response.status !== 404) throw new SignalError('SIGNAL_NETWORK', `The server did not give an upload form (HTTP ${response.status}).`);
  const reply = await grpcUnary(config.chatUrl, 'org.signal.chat.attachments.Attachments/GetUploadForm', encodeProto('GetUploadFormRequest', { uploadLength }), {
    ca: config.certificateAuthority,
    headers: { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` },
  });
  const parsed = UploadFormProtoSchema.safeParse(decodeProto('GetUploadFormResponse', reply));
  if (!parsed.success || !parsed.data.uploadForm) throw new SignalError('SIGNAL_ATTACHMENT', 'The server refused to give an upload form.');
  return parsed.data.uploadForm;
}

/** Uploads an encrypted blob with the tus protocol (creation with upload, then resume if short). */
export async function uploadToCdn(form: UploadForm, blob: Uint8Array, ca: string): Promise<void> {
  const base = {
    ...form.headers,
    'tus-resumable': '1.0.0',
    'upload-length': String(blob.byteLength),
    'upload-metadata': `filename ${Buffer.from(form.key).toString('base64')}`,
  };
  const created = await httpRequest(form.signedUploadLocation, {
    method: 'POST',
    headers: { ...base, 'content-type': 'application/offset+octet-stream' },
    body: blob,
    ca,
    timeoutMs: 120_000,
  });
  if (created.status !== 201 && created.status !== 200 && created.status !== 204) {
    throw new SignalError('SIGNAL_ATTACHMENT', `The CDN refused the upload (HTTP ${created.status}).`);
  }
  const offset = Number(created.headers['upload-offset'] ?? 0);
  if (offset >= blob.byteLength) return;
  const location = typeof created.headers.location === 'string' ? new URL(created.headers.location, form.signedUploadLocation).toString() : form.signedUploadLocation;
  const patched = await httpRequest(location, {
    method: 'PATCH',
    headers: { ...form.headers, 'tus-resumable': '1.0.0', 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
    body: blob.subarray(offset),
    ca,
    timeoutMs: 120_000,
  });
  if (patched.status !== 204 && patched.status !== 200) throw new SignalError('SIGNAL_ATTACHMENT', `The CDN refused the upload (HTTP ${patched.status}).`);
}

export interface OutgoingAttachmentData {
  readonly data: Uint8Array;
  readonly contentType: string;
  readonly fileName?: string | undefined;
}

/** Encrypts and uploads an attachment; returns the pointer to put in a message. */
export async function uploadAttachment(
  api: ChatApi,
  config: SignalServerConfig,
  auth: { username: string; password: string },
  attachment: OutgoingAttachmentData,
  now: number,
): Promise<AttachmentPointer> {
  const encrypted = encryptAttachment(attachment.data);
  const form = await getUploadForm(api, config, auth, encrypted.blob.byteLength);
  if (form.cdn !== 3) throw new SignalError('SIGNAL_ATTACHMENT', `The server offered CDN ${form.cdn}; only CDN 3 uploads are supported.`);
  await uploadToCdn(form, encrypted.blob, config.certificateAuthority);
  return {
    cdnKey: form.key,
    cdnNumber: 3,
    contentType: attachment.contentType,
    key: encrypted.key,
    size: encrypted.size,
    digest: encrypted.digest,
    ...(attachment.fileName ? { fileName: attachment.fileName } : {}),
    uploadTimestamp: now,
  };
}
