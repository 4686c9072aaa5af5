// `@meta`: the plugin read the file manager's stored metadata directly; an external daemon
// gets it from `GET /api/files/{origin}/{path}`, where OctoPrint merges it into the file
// entry (analysis renamed `gcodeAnalysis`, history summarised as `prints`). This maps the
// answer back to the plugin's shape, so `@meta.analysis…` and `@meta.statistics…` work as
// they did. The per-print history is not served; the last print stands in for it.
import type { FileMetadata, PrintHistoryEntry } from '../../schema/hook-parameters.js';
import { requestJson, statusError, type OctoPrintRequestOptions } from './octoprint-request.js';
import { isObject } from '../common/is-object.js';


export function metaFromFileInfo(info: unknown): FileMetadata {
  const meta: FileMetadata = {};
  if (!isObject(info)) return meta;
  if (typeof info.hash === 'string') meta.hash = info.hash;
  if (isObject(info.gcodeAnalysis)) meta.analysis = info.gcodeAnalysis as unknown as FileMetadata['analysis'];
  if (isObject(info.statistics)) meta.statistics = info.statistics as unknown as FileMetadata['statistics'];
  const last = isObject(info.prints) && isObject(info.prints.last) ? info.prints.last : undefined;
  if (last && typeof last.date === 'number' && typeof last.success === 'boolean') {
    const entry: PrintHistoryEntry = { timestamp: last.date, success: last.success, printerProfile: '_default' };
    if (typeof last.printTime === 'number') entry.printTime = last.printTime;
    meta.history = [entry];
  }
  return meta;
}

/** The selected file's metadata; `{}` when there is no file (the plugin then had no `meta`). */
export async function fetchFileMeta(job: unknown, options: OctoPrintRequestOptions): Promise<FileMetadata> {
  const file = isObject(job) && isObject(job.file) ? job.file : undefined;
  const origin = file && typeof file.origin === 'string' ? file.origin : undefined;
  const path = file && typeof file.path === 'string' ? file.path : undefined;
  if (!origin || !path) return {};
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  const answer = await requestJson('GET', `/api/files/${encodeURIComponent(origin)}/${encoded}`, options);
  if (answer.status === 404) return {};
  if (answer.status !== 200) throw statusError(answer, 'GET');
  return metaFromFileInfo(answer.json);
}
