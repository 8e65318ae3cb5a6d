// The subset of Signal's protobuf schema this client reads and writes (SignalService.proto,
// DeviceMessages.proto, DeviceName.proto and the attachments gRPC service, field numbers as
// published by Signal). Kept as text and parsed at load time so no code generator is needed.
// Fields we never look at are left out: protobuf skips unknown fields when decoding.

export const SIGNAL_PROTO = `
syntax = "proto2";
package signalservice;

message Envelope {
  enum Type {
    UNKNOWN = 0;
    DOUBLE_RATCHET = 1;
    PREKEY_MESSAGE = 3;
    SERVER_DELIVERY_RECEIPT = 5;
    UNIDENTIFIED_SENDER = 6;
    PLAINTEXT_CONTENT = 8;
  }
  optional Type type = 1;
  optional string sourceServiceId = 11;
  optional uint32 sourceDeviceId = 7;
  optional string destinationServiceId = 13;
  optional uint64 clientTimestamp = 5;
  optional bytes content = 8;
  optional string serverGuid = 9;
  optional uint64 serverTimestamp = 10;
  optional bool ephemeral = 12;
  optional bool urgent = 14 [default = true];
  optional bool story = 16;
  optional bytes sourceServiceIdBinary = 19;
  optional bytes destinationServiceIdBinary = 20;
  optional bytes serverGuidBinary = 21;
  optional string updatedPni = 15;
  optional bytes updatedPniBinary = 22;
}

message Content {
  optional DataMessage dataMessage = 1;
  optional SyncMessage syncMessage = 2;
  optional bytes callMessage = 3;
  optional NullMessage nullMessage = 4;
  optional ReceiptMessage receiptMessage = 5;
  optional TypingMessage typingMessage = 6;
  optional bytes senderKeyDistributionMessage = 7;
  optional bytes decryptionErrorMessage = 8;
  optional bytes storyMessage = 9;
  optional bytes pniSignatureMessage = 10;
  optional EditMessage editMessage = 11;
  // Not Signal's: marks content written by an instance of this app (see send/instance-mark.ts).
  // Official clients skip unknown fields, so the owner never sees it.
  optional InstanceMark signalClaudeInstance = 7331;
}

message InstanceMark {
  optional string computer = 1;
  optional uint32 version = 2;
  repeated string projects = 3;
  optional string current = 4;
  // When the owner chose \`current\` (the timestamp of the owner's message, the phone's clock).
  optional uint64 currentSince = 5;
  // A random id of this installation (its data folder): tells a relinked computer (same id,
  // new device id) from a second computer that has the same name (another id).
  optional string instance = 6;
}

message BodyRange {
  enum Style {
    NONE = 0;
    BOLD = 1;
    ITALIC = 2;
    SPOILER = 3;
    STRIKETHROUGH = 4;
    MONOSPACE = 5;
  }
  optional uint32 start = 1;
  optional uint32 length = 2;
  optional string mentionAci = 3;
  optional Style style = 4;
  optional bytes mentionAciBinary = 5;
}

message AttachmentPointer {
  optional fixed64 cdnId = 1;
  optional string cdnKey = 15;
  optional bytes clientUuid = 20;
  optional string contentType = 2;
  optional bytes key = 3;
  optional uint32 size = 4;
  optional bytes digest = 6;
  optional bytes incrementalMac = 19;
  optional uint32 chunkSize = 17;
  optional string fileName = 7;
  optional uint32 flags = 8;
  optional uint32 width = 9;
  optional uint32 height = 10;
  optional string caption = 11;
  optional uint64 uploadTimestamp = 13;
  optional uint32 cdnNumber = 14;
}

message DataMessage {
  enum Flags {
    END_SESSION = 1;
    EXPIRATION_TIMER_UPDATE = 2;
    PROFILE_KEY_UPDATE = 4;
  }
  message Quote {
    message QuotedAttachment {
      optional string contentType = 1;
      optional string fileName = 2;
    }
    optional uint64 id = 1;
    optional string authorAci = 5;
    optional string text = 3;
    repeated QuotedAttachment attachments = 4;
    repeated BodyRange bodyRanges = 6;
    optional uint32 type = 7;
    optional bytes authorAciBinary = 8;
  }
  message Reaction {
    optional string emoji = 1;
    optional bool remove = 2;
    optional string targetAuthorAci = 4;
    optional uint64 targetSentTimestamp = 5;
    optional bytes targetAuthorAciBinary = 6;
  }
  message Delete {
    optional uint64 targetSentTimestamp = 1;
  }
  optional string body = 1;
  repeated AttachmentPointer attachments = 2;
  optional bytes groupV2 = 15;
  optional uint32 flags = 4;
  optional uint32 expireTimer = 5;
  optional bytes profileKey = 6;
  optional uint64 timestamp = 7;
  optional Quote quote = 8;
  optional uint32 requiredProtocolVersion = 12;
  optional bool isViewOnce = 14;
  optional Reaction reaction = 16;
  optional Delete delete = 17;
  repeated BodyRange bodyRanges = 18;
  optional uint32 expireTimerVersion = 23;
}

message NullMessage {
  optional bytes padding = 1;
}

message ReceiptMessage {
  enum Type {
    DELIVERY = 0;
    READ = 1;
    VIEWED = 2;
  }
  optional Type type = 1;
  repeated uint64 timestamp = 2;
}

message TypingMessage {
  enum Action {
    STARTED = 0;
    STOPPED = 1;
  }
  optional uint64 timestamp = 1;
  optional Action action = 2;
  optional bytes groupId = 3;
}

message EditMessage {
  optional uint64 targetSentTimestamp = 1;
  optional DataMessage dataMessage = 2;
}

message SyncMessage {
  message Sent {
    message UnidentifiedDeliveryStatus {
      optional string destinationServiceId = 3;
      optional bool unidentified = 2;
      optional bytes destinationServiceIdBinary = 6;
    }
    optional string destinationE164 = 1;
    optional string destinationServiceId = 7;
    optional uint64 timestamp = 2;
    optional DataMessage message = 3;
    optional uint64 expirationStartTimestamp = 4;
    repeated UnidentifiedDeliveryStatus unidentifiedStatus = 5;
    optional bool isRecipientUpdate = 6 [default = false];
    optional EditMessage editMessage = 10;
    optional bytes destinationServiceIdBinary = 12;
  }
  message Request {
    enum Type {
      UNKNOWN = 0;
      CONTACTS = 1;
      BLOCKED = 3;
      CONFIGURATION = 4;
      KEYS = 5;
    }
    optional Type type = 1;
  }
  message Read {
    optional string senderAci = 3;
    optional uint64 timestamp = 2;
    optional bytes senderAciBinary = 4;
  }
  message PniChangeNumber {
    optional bytes identityKeyPair = 1;
    optional bytes signedPreKey = 2;
    optional bytes lastResortKyberPreKey = 5;
    optional uint32 registrationId = 3;
    optional string newE164 = 4;
  }
  optional Sent sent = 1;
  optional PniChangeNumber pniChangeNumber = 18;
  optional bytes contacts = 2;
  optional Request request = 4;
  optional bytes blocked = 6;
  optional bytes verified = 7;
  optional bytes configuration = 9;
  optional bytes fetchLatest = 12;
  optional bytes keys = 13;
  repeated Read read = 5;
  repeated Read viewed = 16;
  optional bytes padding = 8;
}

message ProvisioningAddress {
  optional string address = 1;
}

message ProvisionEnvelope {
  optional bytes publicKey = 1;
  optional bytes body = 2;
}

message ProvisionMessage {
  optional bytes aciIdentityKeyPublic = 1;
  optional bytes aciIdentityKeyPrivate = 2;
  optional bytes pniIdentityKeyPublic = 11;
  optional bytes pniIdentityKeyPrivate = 12;
  optional string aci = 8;
  optional string pni = 10;
  optional string number = 3;
  optional string provisioningCode = 4;
  optional string userAgent = 5;
  optional bytes profileKey = 6;
  optional bool readReceipts = 7;
  optional uint32 provisioningVersion = 9;
  optional bytes masterKey = 13;
  optional bytes ephemeralBackupKey = 14;
  optional string accountEntropyPool = 15;
  optional bytes mediaRootBackupKey = 16;
  optional bytes aciBinary = 17;
  optional bytes pniBinary = 18;
}

message DeviceName {
  optional bytes ephemeralPublic = 1;
  optional bytes syntheticIv = 2;
  optional bytes ciphertext = 3;
}

message GetUploadFormRequest {
  optional uint64 uploadLength = 1;
}

message UploadForm {
  optional uint32 cdn = 1;
  optional string key = 2;
  map<string, string> headers = 3;
  optional string signedUploadLocation = 4;
}

message GetUploadFormResponse {
  optional UploadForm uploadForm = 1;
  optional bytes exceedsMaxUploadLength = 2;
}
`;
