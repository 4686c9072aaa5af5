// Passive login: `POST /api/login {"passive":true}` with the API key creates a new OctoPrint
// session and returns the user record. The socket's `auth` message is `name:session`, using
// the `name` from this answer (pitfall 2 in the reference). The session is a secret: callers
// register it with the logger and never log it.
import type { LoginResponse } from '../../schema/octoprint-rest.js';
import { OctohookError, isOctohookError } from '../errors.js';
import { OCTOPRINT_ERR } from './error-codes.js';
import { requestJson, statusError, type OctoPrintRequestOptions } from './octoprint-request.js';
import { displayUrl } from './urls.js';

export interface LoginResult {
  name: string;
  session: string;
  /** The whole user record as OctoPrint sent it. */
  user: LoginResponse;
}

// What a server that is not OctoPrint (a router's page, another service on the port, a proxy
// path that leads elsewhere) answers to POST /api/login. OctoPrint itself answers 200, or
// 401/403 for a bad key, 429 when rate-limiting, 5xx when broken.
const NOT_OCTOPRINT_STATUS = new Set([404, 405, 501]);

export async function passiveLogin(options: OctoPrintRequestOptions): Promise<LoginResult> {
  let answer;
  try {
    answer = await requestJson('POST', '/api/login', options, { passive: true });
  } catch (err) {
    if (isOctohookError(err, OCTOPRINT_ERR.protocol)) throw notOctoPrint(options.baseUrl, 'a page that is not JSON', err.details);
    throw err;
  }
  if (NOT_OCTOPRINT_STATUS.has(answer.status)) throw notOctoPrint(options.baseUrl, `HTTP ${answer.status}`, { url: answer.url, status: answer.status });
  if (answer.status < 200 || answer.status >= 300) throw statusError(answer, 'POST');
  const user = (typeof answer.json === 'object' && answer.json !== null ? answer.json : {}) as LoginResponse;
  if (typeof user.name !== 'string' || !user.name || typeof user.session !== 'string' || !user.session) {
    throw new OctohookError(
      OCTOPRINT_ERR.auth,
      `OctoPrint did not recognise the API key: POST ${answer.url} returned no user. Check the key in the config ` +
        `(a user's or an application key, not empty).`,
      { details: { url: answer.url, status: answer.status } },
    );
  }
  return { name: user.name, session: user.session, user };
}

function notOctoPrint(baseUrl: string, answered: string, details: Readonly<Record<string, unknown>>): OctohookError {
  return new OctohookError(
    OCTOPRINT_ERR.notOctoPrint,
    `not an OctoPrint at ${displayUrl(baseUrl)}: POST /api/login was answered with ${answered}, where OctoPrint answers 200 ` +
      `(or 403 for a wrong key). Check the address, port and path (OctoPi: http://octopi.local; OctoPrint alone: port 5000).`,
    { details: { ...details } },
  );
}
