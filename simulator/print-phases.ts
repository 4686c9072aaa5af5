// The atomic phases of a print (upload, start, progress, pause, resume, cancel, done, firmware
// error, M600, disconnect). Each phase mutates the printer model and fires OctoPrint's events in
// the order recorded from OctoPrint 1.10.3 (see fixtures/octoprint-captures/*/push-*.jsonl).
// Scripts (print-script.ts) put phases on a time line.
import { BUSY_PAUSED_FOR_USER, CONNECT_LOGS, THERMAL_RUNAWAY, THERMAL_RUNAWAY_LINES } from './capture-templates.js';
import type { FileSpec, PrinterModel, SimFile } from './printer-model.js';
import { stateEventText, stateText, wireStateId, type StateId } from './state-table.js';

export interface PhaseContext {
  model: PrinterModel;
  /** Fires an OctoPrint event to every subscribed socket. */
  event(type: string, payload: unknown): void;
  /** Sends a `plugin` message to every subscribed socket. */
  plugin(plugin: string, data: unknown): void;
  /** Simulated time in epoch milliseconds. */
  now(): number;
  /** The OctoPrint user who acts (uploads, starts, pauses). */
  user: string;
}

export function setState(ctx: PhaseContext, id: StateId): void {
  const from = stateText(ctx.model.state);
  ctx.model.state = id;
  ctx.model.log(`Changing monitoring state from "${from}" to "${stateText(id)}"`);
  ctx.event('PrinterStateChanged', { state_id: wireStateId(id), state_string: stateEventText(id) });
}

function requireJob(ctx: PhaseContext): SimFile {
  const file = ctx.model.selected;
  if (!file) throw new Error('no file selected');
  return file;
}

function jobPayload(file: SimFile): { name: string; path: string; origin: string; size: number } {
  return { name: file.name, path: file.path, origin: file.origin, size: file.size };
}

function elapsedSeconds(ctx: PhaseContext): number {
  const run = ctx.model.run;
  if (!run) return 0;
  const paused = run.pausedMs + (run.pausedAt !== null ? ctx.now() - run.pausedAt : 0);
  return Math.max(0, (ctx.now() - run.startedAt - paused) / 1000);
}

function owner(ctx: PhaseContext): string {
  return ctx.model.run?.owner ?? ctx.user;
}

function startQueuedAnalysis(ctx: PhaseContext, file: SimFile | null): boolean {
  if (!file || ctx.model.analysisPending !== file.path) return false;
  ctx.event('MetadataAnalysisStarted', { name: file.name, path: file.path, origin: file.origin, type: 'gcode' });
  return true;
}

function finishAnalysis(ctx: PhaseContext, file: SimFile): void {
  ctx.model.analysisPending = null;
  const analysed = ctx.model.addFileAnalysis(file);
  ctx.event('MetadataAnalysisFinished', { name: file.name, path: file.path, origin: file.origin, result: analysed });
}

function clearProgress(ctx: PhaseContext): void {
  ctx.model.progress = { completion: null, filepos: null, printTime: null, printTimeLeft: null, printTimeLeftOrigin: null };
}

/** Upload to local storage. A re-upload of the selected file re-selects it (as recorded in the error run). */
export function uploadFile(ctx: PhaseContext, spec: FileSpec): void {
  const m = ctx.model;
  const wasSelected = m.selected?.path === spec.name;
  const file = m.addFile(spec, ctx.user, false);
  m.analysisPending = file.path;
  ctx.event('FileAdded', { storage: 'local', path: file.path, name: file.name, type: ['machinecode', 'gcode'], operation: 'add' });
  ctx.event('UpdatedFiles', { type: 'printables' });
  const upload = { name: file.name, path: file.path, target: 'local', select: false, print: false, effective_select: false, effective_print: false };
  if (wasSelected) {
    startQueuedAnalysis(ctx, file);
    ctx.event('FileSelected', { ...jobPayload(file), size: null, owner: ctx.user, user: ctx.user });
    ctx.event('Upload', upload);
  } else {
    ctx.event('Upload', upload);
    startQueuedAnalysis(ctx, file);
  }
}

/** Marks a file selected without any event (a selection left over from before the script). */
export function preselect(ctx: PhaseContext, spec: FileSpec): void {
  const file = ctx.model.getFile('local', spec.name) ?? ctx.model.addFile(spec, ctx.user, true);
  ctx.model.selected = file;
  ctx.model.jobMode = 'selected';
  ctx.model.jobUser = ctx.user;
}

/** Select and start: FileSelected, Starting, PrintStarted. Progress stays null until `beginPrinting`. */
export function startPrint(ctx: PhaseContext, path: string): void {
  const m = ctx.model;
  const file = m.getFile('local', path);
  if (!file) throw new Error(`unknown file ${path}`);
  m.selected = file;
  m.jobMode = 'selected';
  m.jobUser = ctx.user;
  ctx.event('FileSelected', { ...jobPayload(file), size: null, owner: ctx.user, user: ctx.user });
  m.run = { startedAt: ctx.now(), pausedMs: 0, pausedAt: null, owner: ctx.user, lineNo: 0, e: 0 };
  clearProgress(ctx);
  setState(ctx, 'STARTING');
  m.log('Send: N0 M110 N0*125', 'Recv: ok');
  ctx.event('PrintStarted', { ...jobPayload(file), owner: ctx.user, user: ctx.user });
}

/** The first lines of the file: chart mark, Printing, G28 (Home), first layer (ZChange). */
export function beginPrinting(ctx: PhaseContext): void {
  const m = ctx.model;
  const file = requireJob(ctx);
  m.mark('print', 'Start');
  ctx.event('ChartMarked', { type: 'print', label: 'Start' });
  setState(ctx, 'PRINTING');
  for (const g of ['G21', 'G90', 'M82']) m.sendGcode(g);
  m.sendGcode('G28');
  ctx.event('Home', null);
  m.sendGcode('G92 E0');
  const z = file.layerHeight;
  m.sendGcode(`G1 Z${z} F600`);
  ctx.event('ZChange', { new: z, old: m.currentZ });
  m.currentZ = z;
  m.progress = { completion: 0, filepos: 0, printTime: 0, printTimeLeft: null, printTimeLeftOrigin: 'linear' };
}

/** Prints up to `completion` percent: G-code lines in the log, ZChange on each new layer. */
export function advanceTo(ctx: PhaseContext, completion: number): void {
  const m = ctx.model;
  const file = requireJob(ctx);
  const run = m.run;
  if (!run) return;
  const before = m.progress.completion ?? 0;
  const moves = Math.max(1, Math.min(20, Math.round(((completion - before) / 100) * (file.size / 56))));
  for (let i = 0; i < moves; i++) {
    run.e = +(run.e + 0.4).toFixed(3);
    const corner = (run.lineNo + i) % 4;
    const x = corner === 1 || corner === 2 ? '60.0' : '50.0';
    const y = corner >= 2 ? '60.0' : '50.0';
    m.sendGcode(`G1 X${x} Y${y} E${run.e.toFixed(3)} F1200`);
  }
  const layer = Math.min(file.layers - 1, Math.floor((completion / 100) * file.layers));
  const z = +((layer + 1) * file.layerHeight).toFixed(2);
  if (z !== m.currentZ) {
    m.sendGcode(`G1 Z${z.toFixed(2)} F600`);
    ctx.event('ZChange', { new: z, old: m.currentZ });
    m.currentZ = z;
  }
  const elapsed = elapsedSeconds(ctx);
  const average = file.statistics.averagePrintTime._default;
  let left: number | null = null;
  let origin: 'linear' | 'average' | 'analysis' = file.analysis ? 'analysis' : 'linear';
  if (average !== undefined) {
    left = Math.max(0, Math.round(average - elapsed));
    origin = 'average';
  } else if (completion >= 3 && elapsed >= 1) {
    left = Math.max(0, Math.round((elapsed / completion) * 100 - elapsed));
  }
  m.progress = {
    completion,
    filepos: Math.round((file.size * completion) / 100),
    printTime: Math.floor(elapsed),
    printTimeLeft: left,
    printTimeLeftOrigin: origin,
  };
}

/**
 * Pause. `viaAction` is a firmware `//action:paused`: OctoPrint runs no scripts, so PrintPaused
 * carries neither position nor user and no PositionUpdate follows.
 */
export function pausePrint(ctx: PhaseContext, viaAction = false): void {
  const m = ctx.model;
  const file = requireJob(ctx);
  setState(ctx, 'PAUSING');
  const analysing = startQueuedAnalysis(ctx, file);
  const position = { y: 60, t: 0, x: 50, f: 1200, z: m.currentZ, e: m.run?.e ?? 0 };
  if (!viaAction) {
    m.sendGcode('M400');
    m.sendGcode('M114');
    m.log(`Recv: ok X:50.0 Y:60.0 Z:${(m.currentZ ?? 0).toFixed(1)} E:${position.e.toFixed(1)} Count: A:5000 B:6000 C:100`);
  }
  if (m.run) m.run.pausedAt = ctx.now();
  const progress = Math.floor(m.progress.completion ?? 0);
  ctx.event(
    'PrintPaused',
    viaAction
      ? { ...jobPayload(file), fileposition: m.progress.filepos, progress, owner: owner(ctx) }
      : { ...jobPayload(file), position, fileposition: m.progress.filepos, progress, owner: owner(ctx), user: ctx.user },
  );
  m.mark('pause', 'Pause');
  ctx.event('ChartMarked', { type: 'pause', label: 'Pause' });
  if (!viaAction) ctx.event('PositionUpdate', { reason: 'pause', ...position });
  setState(ctx, 'PAUSED');
  if (analysing) finishAnalysis(ctx, file);
}

export function resumePrint(ctx: PhaseContext, viaAction = false): void {
  const m = ctx.model;
  const file = requireJob(ctx);
  setState(ctx, 'RESUMING');
  ctx.event('PrintResumed', viaAction ? { ...jobPayload(file), owner: owner(ctx) } : { ...jobPayload(file), owner: owner(ctx), user: ctx.user });
  m.mark('resume', 'Resume');
  ctx.event('ChartMarked', { type: 'resume', label: 'Resume' });
  if (m.run && m.run.pausedAt !== null) {
    m.run.pausedMs += ctx.now() - m.run.pausedAt;
    m.run.pausedAt = null;
  }
  setState(ctx, 'PRINTING');
}

function recordPrint(ctx: PhaseContext, file: SimFile, success: boolean, time: number): void {
  const last = { success, date: ctx.now() / 1000, ...(success ? { printTime: time } : {}) };
  file.prints = { success: file.prints.success + (success ? 1 : 0), failure: file.prints.failure + (success ? 0 : 1), last };
  if (success) {
    const prev = file.statistics.averagePrintTime._default;
    const n = file.prints.success;
    file.statistics.averagePrintTime._default = prev === undefined ? time : (prev * (n - 1) + time) / n;
    file.statistics.lastPrintTime._default = time;
  }
  ctx.event('MetadataStatisticsUpdated', { storage: file.origin, path: file.path });
}

/** Cancel (from Printing or Paused): PrintCancelling, Cancelling, PrintCancelled, PrintFailed(cancelled). */
export function cancelPrint(ctx: PhaseContext): void {
  const m = ctx.model;
  const file = requireJob(ctx);
  ctx.event('PrintCancelling', { ...jobPayload(file), owner: owner(ctx), user: ctx.user });
  setState(ctx, 'CANCELLING');
  const time = elapsedSeconds(ctx);
  const cancelled = {
    ...jobPayload(file),
    position: { y: null, t: null, x: null, f: null, z: null, e: null },
    fileposition: m.progress.filepos,
    progress: Math.floor(m.progress.completion ?? 0),
    owner: owner(ctx),
    user: ctx.user,
    time,
  };
  ctx.event('PrintCancelled', cancelled);
  m.mark('cancel', 'Cancel');
  ctx.event('ChartMarked', { type: 'cancel', label: 'Cancel' });
  const analysing = startQueuedAnalysis(ctx, file);
  recordPrint(ctx, file, false, time);
  ctx.event('PrintFailed', { ...cancelled, reason: 'cancelled' });
  if (analysing) finishAnalysis(ctx, file);
  m.run = null;
  clearProgress(ctx);
  m.currentZ = null;
  setState(ctx, 'OPERATIONAL');
}

/** The end of the file: final Z move, Finishing, PrintDone, statistics, Operational. */
export function finishPrint(ctx: PhaseContext): void {
  const m = ctx.model;
  const file = requireJob(ctx);
  m.sendGcode('G1 Z10 F600');
  ctx.event('ZChange', { new: 10, old: m.currentZ });
  m.currentZ = 10;
  m.sendGcode('M84');
  setState(ctx, 'FINISHING');
  const time = elapsedSeconds(ctx);
  m.progress = { completion: 100, filepos: file.size, printTime: Math.floor(time), printTimeLeft: 0, printTimeLeftOrigin: null };
  m.mark('done', 'Done');
  ctx.event('ChartMarked', { type: 'done', label: 'Done' });
  ctx.event('PrintDone', { ...jobPayload(file), owner: owner(ctx), time });
  const analysing = startQueuedAnalysis(ctx, file);
  recordPrint(ctx, file, true, time);
  if (analysing) finishAnalysis(ctx, file);
  m.sendGcode('M400');
  m.run = null;
  setState(ctx, 'OPERATIONAL');
}

/** Disconnect bookkeeping shared by a firmware error and a lost connection. */
function dropJob(ctx: PhaseContext): SimFile | null {
  const m = ctx.model;
  const file = m.selected;
  ctx.event('UpdatedFiles', { type: 'printables' });
  m.selected = null;
  m.jobMode = 'cleared';
  m.jobUser = null;
  ctx.event('FileDeselected', null);
  ctx.event('Disconnected', null);
  return file;
}

function failRunningPrint(ctx: PhaseContext, file: SimFile | null, error: string, fraction: number, time: number): void {
  const m = ctx.model;
  if (!file || !m.run) return;
  const analysing = startQueuedAnalysis(ctx, file);
  recordPrint(ctx, file, false, time);
  ctx.event('PrintFailed', { ...jobPayload(file), owner: owner(ctx), time, reason: 'error', error, progress: fraction });
  if (analysing) finishAnalysis(ctx, file);
  m.run = null;
  clearProgress(ctx);
  m.currentZ = null;
}

/** A Marlin fatal error (thermal runaway): Error, EStop, disconnect, PrintFailed(error) with a 0..1 fraction. */
export function firmwareError(ctx: PhaseContext, message = THERMAL_RUNAWAY): void {
  const m = ctx.model;
  const fraction = (m.progress.completion ?? 0) / 100;
  const time = elapsedSeconds(ctx);
  m.log(...THERMAL_RUNAWAY_LINES);
  m.error = message;
  setState(ctx, 'ERROR');
  ctx.event('Error', { error: message, reason: 'firmware', consequence: 'emergency', logs: m.recentLogs(20), faq: 'firmware-thermal-runaway' });
  m.log('Send: M112', 'Send: M104 T0 S0', 'Send: M140 S0');
  ctx.event('EStop', null);
  const file = dropJob(ctx);
  ctx.plugin('action_command_notification', {});
  ctx.plugin('firmware_check', { type: 'update' });
  m.sdReady = false;
  m.mark('disconnected', 'Disconnected');
  setState(ctx, 'CLOSED_WITH_ERROR');
  m.log('Connection closed, closing down monitor');
  failRunningPrint(ctx, file, message, fraction, time);
}

/**
 * The serial connection is lost (cable pulled, printer reset). Not recorded: modelled on the
 * firmware-error run with OctoPrint's `reason: "connection"`.
 */
export function disconnectPrinter(ctx: PhaseContext, error = 'Connection to the printer was lost'): void {
  const m = ctx.model;
  const printing = m.run !== null;
  const fraction = (m.progress.completion ?? 0) / 100;
  const time = elapsedSeconds(ctx);
  if (printing) {
    m.error = error;
    ctx.event('Error', { error, reason: 'connection' });
  } else {
    ctx.event('Disconnecting', null);
  }
  const file = dropJob(ctx);
  m.sdReady = false;
  m.mark('disconnected', 'Disconnected');
  setState(ctx, printing ? 'CLOSED_WITH_ERROR' : 'OFFLINE');
  failRunningPrint(ctx, file, error, fraction, time);
}

/** Connect to the (virtual) printer again. */
export function connectPrinter(ctx: PhaseContext): void {
  const m = ctx.model;
  ctx.event('Connecting', null);
  setState(ctx, 'CONNECTING');
  m.log(...CONNECT_LOGS.slice(2));
  m.error = '';
  m.sdReady = true;
  ctx.event('Connected', { port: 'VIRTUAL', baudrate: 115200 });
  m.mark('connected', 'Connected');
  setState(ctx, 'OPERATIONAL');
}

export interface FilamentChangeOptions {
  /** The firmware also sends `//action:paused` (OctoPrint pauses) and `//action:resumed` after. */
  actionPaused?: boolean;
  /** The firmware shows a host prompt (action_command_prompt plugin messages). */
  prompt?: boolean;
}

/** M600 queued: FilamentChange, optionally `//action:paused` and a prompt. */
export function beginFilamentChange(ctx: PhaseContext, opts: FilamentChangeOptions): void {
  const m = ctx.model;
  m.sendGcode('M600');
  ctx.event('FilamentChange', null);
  if (opts.actionPaused) {
    m.log('Recv: //action:paused');
    pausePrint(ctx, true);
  }
  if (opts.prompt) {
    m.log('Recv: //action:prompt_begin Nozzle Parked', 'Recv: //action:prompt_button Continue', 'Recv: //action:prompt_show');
    ctx.plugin('action_command_prompt', { action: 'show', text: 'Nozzle Parked', choices: ['Continue'] });
  }
}

/** What a Prusa-style firmware repeats about every 2 s while it waits for the user. */
export function busyPausedForUser(ctx: PhaseContext): void {
  ctx.model.log(BUSY_PAUSED_FOR_USER);
}

export function endFilamentChange(ctx: PhaseContext, opts: FilamentChangeOptions): void {
  const m = ctx.model;
  if (opts.prompt) {
    m.log('Recv: //action:prompt_end');
    ctx.plugin('action_command_prompt', { action: 'close' });
  }
  if (opts.actionPaused) {
    m.log('Recv: //action:resumed');
    resumePrint(ctx, true);
  }
  m.log('Recv: ok');
}

/** The recorded `notify` run: the printer reports it waits for the user with no print running. */
export function notifyPausedForUser(ctx: PhaseContext): void {
  ctx.model.log(
    'Send: !!DEBUG:send echo:busy: paused for user',
    BUSY_PAUSED_FOR_USER,
    'Printer seems to support the busy protocol, will adjust timeouts and set busy interval accordingly',
    'Send: M113 S2',
    'Recv: ok',
  );
}
