// The simulated printer's state and the payloads built from it: `current`, `history`,
// `GET /api/job`, `GET /api/printer` and FileInfo. Key order and value kinds follow the
// recorded 1.10.3 traffic. Terminal lines and temperature samples are handed to listeners
// (the push sessions buffer them per socket, as OctoPrint does).
import { createHash } from 'node:crypto';
import type { CurrentData, HistoryData, JobInfo, JobProgress, PrinterState, TemperatureSample } from '../schema/octoprint-current.js';
import { analysisFor, CONNECT_LOGS, type GcodeAnalysis } from './capture-templates.js';
import { stateFlags, stateText, type StateId } from './state-table.js';

export interface SimFile {
  name: string;
  path: string;
  origin: 'local' | 'sdcard';
  size: number;
  /** Upload time, whole epoch seconds. */
  date: number;
  hash: string;
  user: string;
  spec: FileSpec;
  layers: number;
  layerHeight: number;
  /** How long a print of this file takes in simulated milliseconds. */
  durationMs: number;
  analysis: GcodeAnalysis | null;
  prints: { success: number; failure: number; last?: { success: boolean; date: number; printTime?: number } };
  statistics: { averagePrintTime: Record<string, number>; lastPrintTime: Record<string, number> };
}

export interface FileSpec {
  name: string;
  size: number;
  layers: number;
  layerHeight: number;
  estimatedPrintTime: number;
  filamentLength: number;
  durationMs: number;
}

export interface Marking {
  type: string;
  label: string | null;
  time: number;
}

export interface PrinterModelEvents {
  logs: (logs: string[], messages: string[]) => void;
  temps: (sample: TemperatureSample) => void;
}

const HISTORY_LINES = 300;

function analysisOf(spec: FileSpec): GcodeAnalysis {
  return analysisFor(+(spec.layers * spec.layerHeight).toFixed(2), spec.estimatedPrintTime, spec.filamentLength);
}
const THIRTY_MINUTES_S = 30 * 60;

export class PrinterModel {
  state: StateId = 'OPERATIONAL';
  error = '';
  sdReady = true;
  /** 'never': no file selected since start (job lacks `display`/`averagePrintTime`); 'cleared': deselected. */
  jobMode: 'never' | 'selected' | 'cleared' = 'never';
  selected: SimFile | null = null;
  jobUser: string | null = null;
  progress: JobProgress = { completion: null, filepos: null, printTime: null, printTimeLeft: null, printTimeLeftOrigin: null };
  currentZ: number | null = null;
  offsets: Record<string, number> = {};
  readonly resends = { count: 0, transmitted: 8, ratio: 0 };
  /** OctoPrint 2.0 sends `health` instead of `resends`. */
  flavor: '1.x' | '2.0' = '1.x';
  readonly files = new Map<string, SimFile>();
  markings: Marking[] = [];
  /** The path whose analysis is queued and will run when printing stops. */
  analysisPending: string | null = null;
  /** Set while a job runs: simulated start time and the time spent paused. */
  run: { startedAt: number; pausedMs: number; pausedAt: number | null; owner: string; lineNo: number; e: number } | null = null;
  heaters = { tool0: { actual: 21.3, target: 0 }, bed: { actual: 21.3, target: 0 } };

  private logHistory: string[] = [...CONNECT_LOGS];
  private messageHistory: string[] = CONNECT_LOGS.filter((l) => l.startsWith('Recv: ')).map((l) => l.slice(6));
  private tempHistory: TemperatureSample[] = [];
  private listeners: { [K in keyof PrinterModelEvents]: PrinterModelEvents[K][] } = { logs: [], temps: [] };

  constructor(private readonly nowMs: () => number) {
    this.markings.push({ type: 'connected', label: 'Connected', time: nowMs() / 1000 });
  }

  on<K extends keyof PrinterModelEvents>(event: K, fn: PrinterModelEvents[K]): void {
    this.listeners[event].push(fn);
  }

  // ---- terminal, temperatures, markings -------------------------------------------------

  /** Appends terminal lines; `Recv:` lines also become `messages`. */
  log(...lines: string[]): void {
    if (!lines.length) return;
    const messages = lines.filter((l) => l.startsWith('Recv: ')).map((l) => l.slice(6));
    this.logHistory = [...this.logHistory, ...lines].slice(-HISTORY_LINES);
    this.messageHistory = [...this.messageHistory, ...messages].slice(-HISTORY_LINES);
    this.resends.transmitted += lines.filter((l) => l.startsWith('Send: ')).length;
    for (const fn of this.listeners.logs) fn(lines, messages);
  }

  /** Sends one G-code line with OctoPrint's line number and checksum, and its `ok`. */
  sendGcode(command: string): void {
    const run = this.run;
    const n = run ? ++run.lineNo : 0;
    const body = `N${n} ${command}`;
    let cs = 0;
    for (const ch of Buffer.from(body)) cs ^= ch;
    this.log(`Send: ${body}*${cs}`, 'Recv: ok');
  }

  /** A temperature report as the virtual printer's autoreport sends it every 2 s. */
  sampleTemperatures(): void {
    const time = Math.floor(this.nowMs() / 1000);
    const connected = this.state !== 'OFFLINE' && this.state !== 'CLOSED_WITH_ERROR';
    const sample = (connected
      ? { time, tool0: { ...this.heaters.tool0 }, bed: { ...this.heaters.bed }, chamber: { actual: null, target: null } }
      : { time }) as TemperatureSample;
    this.tempHistory = [...this.tempHistory.filter((t) => t.time > time - THIRTY_MINUTES_S), sample];
    if (connected) {
      const t = this.heaters;
      this.log(`Recv: T:${t.tool0.actual.toFixed(2)}/ ${t.tool0.target.toFixed(2)} B:${t.bed.actual.toFixed(2)}/ ${t.bed.target.toFixed(2)} @:64`);
    }
    for (const fn of this.listeners.temps) fn(sample);
  }

  mark(type: string, label: string | null): void {
    this.markings.push({ type, label, time: this.nowMs() / 1000 });
  }

  // ---- files ------------------------------------------------------------------------------

  /** Adds (or replaces) a file in local storage; analysed files carry gcodeAnalysis. */
  addFile(spec: FileSpec, user: string, analysed: boolean): SimFile {
    const previous = this.files.get(`local/${spec.name}`);
    const date = Math.floor(this.nowMs() / 1000);
    const file: SimFile = {
      name: spec.name,
      path: spec.name,
      origin: 'local',
      size: spec.size,
      date,
      hash: createHash('sha1').update(`${spec.name}:${spec.size}:${date}`).digest('hex'),
      user,
      spec,
      layers: spec.layers,
      layerHeight: spec.layerHeight,
      durationMs: spec.durationMs,
      analysis: analysed || previous?.analysis ? analysisOf(spec) : null,
      prints: previous?.prints ?? { success: 0, failure: 0 },
      statistics: previous?.statistics ?? { averagePrintTime: {}, lastPrintTime: {} },
    };
    this.files.set(`local/${file.path}`, file);
    if (this.selected?.path === file.path) this.selected = file;
    return file;
  }

  /** Completes a file's G-code analysis; returns the result (MetadataAnalysisFinished.result). */
  addFileAnalysis(file: SimFile): GcodeAnalysis {
    file.analysis = analysisOf(file.spec);
    return file.analysis;
  }

  /** The last `n` terminal lines (the `logs` of a firmware Error event). */
  recentLogs(n: number): string[] {
    return this.logHistory.slice(-n);
  }

  getFile(origin: string, path: string): SimFile | undefined {
    return this.files.get(`${origin}/${path}`);
  }

  // ---- payloads ---------------------------------------------------------------------------

  stateData(): PrinterState {
    return { text: stateText(this.state), flags: stateFlags(this.state, this.sdReady), error: this.error } as PrinterState;
  }

  jobData(): JobInfo {
    const f = this.selected;
    if (this.jobMode === 'never' || !f) {
      if (this.jobMode === 'never') {
        return {
          file: { name: null, path: null, size: null, origin: null, date: null },
          estimatedPrintTime: null,
          lastPrintTime: null,
          filament: { length: null, volume: null },
          user: null,
        };
      }
      return {
        file: { name: null, path: null, display: null, origin: null, size: null, date: null },
        estimatedPrintTime: null,
        averagePrintTime: null,
        lastPrintTime: null,
        filament: null,
        user: null,
      };
    }
    const avg = f.statistics.averagePrintTime._default ?? null;
    const last = f.statistics.lastPrintTime._default ?? null;
    const job: JobInfo = {
      file: { name: f.name, path: f.path, display: f.name, origin: f.origin, size: f.size, date: f.date },
      estimatedPrintTime: f.analysis?.estimatedPrintTime ?? null,
      averagePrintTime: avg,
      lastPrintTime: last,
      filament: f.analysis ? { tool0: { ...f.analysis.filament.tool0 } } : null,
      user: this.jobUser,
    };
    if (this.flavor === '2.0') {
      delete job.averagePrintTime;
      delete job.lastPrintTime;
    }
    return job;
  }

  private statsData(): Pick<CurrentData, 'resends' | 'health'> {
    if (this.flavor === '2.0') return { health: { ...this.resends, critical: false } };
    return { resends: { ...this.resends } };
  }

  /** What `current` and `history` both start with, in OctoPrint's key order. */
  private printerData() {
    return {
      state: this.stateData(),
      job: this.jobData(),
      currentZ: this.currentZ,
      progress: { ...this.progress },
      offsets: { ...this.offsets },
      ...this.statsData(),
    };
  }

  /** A `current` payload; the caller supplies the per-socket buffered temps, logs and messages. */
  current(buffered: { temps: TemperatureSample[]; logs: string[]; messages: string[] }): CurrentData {
    const busy = this.selected && this.run ? [{ origin: this.selected.origin, path: this.selected.path }] : [];
    return {
      ...this.printerData(),
      serverTime: this.nowMs() / 1000,
      temps: buffered.temps,
      busyFiles: busy,
      markings: this.recentMarkings(),
      logs: buffered.logs,
      messages: buffered.messages,
    };
  }

  history(): HistoryData {
    return {
      ...this.printerData(),
      temps: [...this.tempHistory],
      logs: [...this.logHistory],
      messages: [...this.messageHistory],
      markings: this.recentMarkings(),
      serverTime: this.nowMs() / 1000,
    };
  }

  /** `GET /api/job`: job and progress as in `current`, the state text, and `error` only when set. */
  jobResponse(): Record<string, unknown> {
    const body: Record<string, unknown> = { job: this.jobData(), progress: { ...this.progress }, state: stateText(this.state) };
    if (this.error) body.error = this.error;
    return body;
  }

  /** `GET /api/printer`; undefined when the printer is not operational (OctoPrint answers 409). */
  printerResponse(): Record<string, unknown> | undefined {
    if (!stateFlags(this.state, this.sdReady).operational) return undefined;
    const t = this.heaters;
    return {
      sd: { ready: this.sdReady },
      state: this.stateData(),
      temperature: {
        bed: { actual: t.bed.actual, offset: 0, target: t.bed.target },
        tool0: { actual: t.tool0.actual, offset: 0, target: t.tool0.target },
      },
    };
  }

  /** FileInfo of `GET /api/files/{origin}/{path}`. */
  fileInfo(file: SimFile, baseUrl: string): Record<string, unknown> {
    const info: Record<string, unknown> = {
      date: file.date,
      display: file.name,
      gcodeAnalysis: file.analysis ?? { _empty: true },
      hash: file.hash,
      name: file.name,
      origin: file.origin,
      path: file.path,
      prints: file.prints,
      refs: {
        download: `${baseUrl}/downloads/files/${file.origin}/${file.path}`,
        resource: `${baseUrl}/api/files/${file.origin}/${file.path}`,
      },
      size: file.size,
      statistics: file.statistics,
      type: 'machinecode',
      typePath: ['machinecode', 'gcode'],
      user: file.user,
    };
    return info;
  }

  private recentMarkings(): Marking[] {
    const cutoff = this.nowMs() / 1000 - THIRTY_MINUTES_S;
    this.markings = this.markings.filter((m) => m.time >= cutoff);
    return this.markings.map((m) => ({ ...m }));
  }
}
