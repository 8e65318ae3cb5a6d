// display/: what a phone shows. Pure rendering (no network); the chat layer calls these and
// the Signal sender maps RenderedMessage onto DataMessage protobufs.
export * from './types.js';
export { renderReply, renderReplyDoc, type ReplyOptions, type RenderedReply } from './reply.js';
export { renderMarkdown, type CodeBlock, type MarkdownOptions } from './markdown.js';
export { renderCodeBlock, codeFileName, languageInfo, contentTypeForFileName, DEFAULT_CODE_POLICY, type CodePolicy } from './code.js';
export { packForSignal, splitRendered, splitPoints, singleMessage, type PackOptions, type SplitOptions } from './split.js';
export { renderDiffForPhone, renderDiff, renderFileDiff, renderDiffSummary, PATCH_CONTENT_TYPE, type PhoneDiffOptions } from './diff.js';
export { parseUnifiedDiff, displayPath, type FileDiff, type Hunk, type DiffLine } from './diff-parse.js';
export { diffFileImage, diffFileImages, diffLines, type FileImage } from './diff-compute.js';
export { toolActivityLine, renderToolActivity, usefulLines, type ToolCall, type ToolOutcome, type ToolLineOptions } from './tool-activity.js';
export { parseTestSummary, describeTestSummary, type TestSummary } from './test-summary.js';
export { redactText, redactRendered, redactPatch } from './redact.js';
export {
  prepareInbound,
  renderSaveProposal,
  savedFileNote,
  IncomingAttachmentSchema,
  type IncomingAttachment,
  type InboundResult,
  type SaveProposal,
  type ClaudeBlock,
} from './inbound.js';
