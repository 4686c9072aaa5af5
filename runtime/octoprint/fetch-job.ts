// `GET /api/job`: the job, its progress and the state text, used to resync after a reconnect
// (missed events are lost for good; the daemon compares this with what it knew).
import type { JobResponse } from '../../schema/octoprint-rest.js';
import { OctohookError } from '../errors.js';
import { OCTOPRINT_ERR } from './error-codes.js';
import { requestJson, statusError, type OctoPrintRequestOptions } from './octoprint-request.js';

export async function fetchJob(options: OctoPrintRequestOptions): Promise<JobResponse> {
  const answer = await requestJson('GET', '/api/job', options);
  if (answer.status !== 200) throw statusError(answer, 'GET');
  const body = answer.json as Partial<JobResponse> | undefined;
  if (!body || typeof body !== 'object' || typeof body.job !== 'object' || typeof body.state !== 'string') {
    throw new OctohookError(OCTOPRINT_ERR.protocol, `OctoPrint's answer to GET ${answer.url} is not a job description.`, {
      details: { url: answer.url },
    });
  }
  return body as JobResponse;
}
