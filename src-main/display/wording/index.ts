// Every sentence the phone shows, by topic, as pure functions of plain data: one place to read
// and test the app's tone and format. Callers (sessions/, chat/) pass facts in, text comes out.
export * from './approvals.js';
export * from './chat-replies.js';
export * from './format.js';
export * from './session-notices.js';
export * from './command-replies.js';
export * from './computers.js';
export * from './project-replies.js';
export * from './status-replies.js';
export * from './undelivered.js';
export * from './notify-replies.js';
export * from './model-replies.js';
export * from './api-key.js';
export * from './forget-replies.js';
export * from './captcha-replies.js';
export * from './compact-replies.js';
export * from './hook-notices.js';
export * from './think-replies.js';
export * from './resume-replies.js';
export * from './web-search-replies.js';
