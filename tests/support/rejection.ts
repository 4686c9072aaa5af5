// Awaits a promise that must reject with a coded OctohookError, and returns the error.
import * as assert from 'uvu/assert';
import { isOctohookError, type OctohookError } from '../../runtime/errors.js';

export async function rejection(p: Promise<unknown>): Promise<OctohookError> {
  try {
    await p;
  } catch (e) {
    assert.ok(isOctohookError(e), `expected an OctohookError, got ${String(e)}`);
    return e as OctohookError;
  }
  throw new Error('expected a rejection');
}
