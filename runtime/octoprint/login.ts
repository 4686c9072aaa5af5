// Passive login: `POST /api/login {"passive":true}` with the API key creates a new OctoPrint
// session and returns the user record. The socket's `auth` message is `name:session`, using
// the `name` from this answer (pitfall 2 in the reference). The session is a secret: callers
// register it with the logger and never log it.
import type { LoginResponse } from '../../schema/octoprint-rest.js';
import { OctohookError } from '../errors.js';
import { OCTOPRINT_ERR } from './error-codes.js';
import { requestJson, statusError, type OctoPrintRequestOptions } from './octoprint-request.js';

export interface LoginResult {
  name: string;
  session: string;
  /** The whole user record as OctoPrint sent it. */
  user: LoginResponse;
}

export async function passiveLogin(options: OctoPrintRequestOptions): Promise<LoginResult> {
  const answer = await requestJson('POST', '/api/login', options, { passive: true });
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
