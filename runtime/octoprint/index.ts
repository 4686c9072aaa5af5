// The OctoPrint connection's public surface.
export { PushClient, type PushClientOptions, type PushClientEvents, type PushClientState, type ResyncInfo, type ReconnectInfo } from './push-client.js';
export { passiveLogin, type LoginResult } from './login.js';
export { fetchJob } from './fetch-job.js';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
export { DEFAULT_LIVENESS, type LivenessOptions } from './liveness.js';
export { OCTOPRINT_ERR } from './error-codes.js';
export { parsePushFrame, type KnownPushMessage, type ParsedFrame } from './push-messages.js';
export { apiUrl, pushSocketUrl, displayUrl } from './urls.js';
