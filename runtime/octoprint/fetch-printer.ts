// `GET /api/printer`: the printer's state (text, flags, error) as OctoPrint sees it now, the
// same object the `current` message carries (the temperatures beside it are not read).
// OctoPrint answers 409 while the printer is not operational (disconnected, or after an error).
import type { PrinterState } from '../../schema/octoprint-current.js';
import { OctohookError } from '../errors.js';
import { isObject } from '../common/is-object.js';
import { OCTOPRINT_ERR } from './error-codes.js';
import { requestJson, statusError, type OctoPrintRequestOptions } from './octoprint-request.js';

export async function fetchPrinterState(options: OctoPrintRequestOptions): Promise<PrinterState> {
  const answer = await requestJson('GET', '/api/printer', options);
  if (answer.status !== 200) throw statusError(answer, 'GET');
  const body = answer.json;
  if (!isObject(body) || !isObject(body.state) || typeof body.state.text !== 'string' || !isObject(body.state.flags)) {
    throw new OctohookError(OCTOPRINT_ERR.protocol, `OctoPrint's answer to GET ${answer.url} is not a printer state.`, {
      details: { url: answer.url },
    });
  }
  return body.state as unknown as PrinterState;
}
