// The generated tables: every OctoPrint event by its wire name, the synthesized triggers, the
// parameter roots, and the JSDoc that hovers show.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { schemaTables } from '../../compiler/schema/tables.js';
import type { SchemaType } from '../../compiler/schema/schema-types.js';
import { fieldOf, lookupPath, resolveType, typeToString, unionMembers } from '../../compiler/schema/type-utils.js';

/** Every event OctoPrint 1.10 documents, by wire name, with whether its payload is null. */
const EVENTS: Record<string, 'null' | 'object' | 'unknown'> = {
  Startup: 'null', Shutdown: 'null', ClientDeauthed: 'null',
  ConnectivityChanged: 'object', ClientOpened: 'object', ClientClosed: 'object', ClientAuthed: 'object',
  UserLoggedIn: 'object', UserLoggedOut: 'object',
  Connecting: 'null', Disconnecting: 'null', Disconnected: 'null', Connected: 'object',
  ConnectionsAutorefreshed: 'object', PrinterStateChanged: 'object', PrinterReset: 'object',
  Error: 'object', FirmwareData: 'object', Upload: 'object',
  FileAdded: 'object', FileRemoved: 'object', FileMoved: 'object',
  FolderAdded: 'object', FolderRemoved: 'object', FolderMoved: 'object', UpdatedFiles: 'object',
  MetadataAnalysisStarted: 'object', MetadataAnalysisFinished: 'object', MetadataStatisticsUpdated: 'object',
  FileSelected: 'object', FileDeselected: 'null',
  TransferStarted: 'object', TransferDone: 'object', TransferFailed: 'object',
  PrintStarted: 'object', PrintDone: 'object', PrintFailed: 'object', PrintCancelling: 'object',
  PrintCancelled: 'object', PrintPaused: 'object', PrintResumed: 'object', ChartMarked: 'object',
  PowerOn: 'null', PowerOff: 'null', Home: 'null', Dwelling: 'null', Waiting: 'null', Cooling: 'null',
  Alert: 'null', Conveyor: 'null', Eject: 'null', EStop: 'null', FilamentChange: 'null',
  ZChange: 'object', PositionUpdate: 'object', ToolChange: 'object', CommandSuppressed: 'object',
  InvalidToolReported: 'object', CaptureStart: 'object', CaptureDone: 'object', CaptureFailed: 'object',
  PostRollStart: 'object', PostRollEnd: 'null', MovieRendering: 'object', MovieDone: 'object', MovieFailed: 'object',
  SlicingStarted: 'object', SlicingDone: 'object', SlicingCancelled: 'object', SlicingFailed: 'object',
  SlicingProfileAdded: 'object', SlicingProfileModified: 'object', SlicingProfileDeleted: 'object',
  SettingsUpdated: 'object', RegisteredMessageReceived: 'object',
  PrinterProfileAdded: 'object', PrinterProfileModified: 'object', PrinterProfileDeleted: 'object',
  PrinterControlsChanged: 'unknown',
  plugin_backup_backup_created: 'object',
  plugin_softwareupdate_update_succeeded: 'object', plugin_softwareupdate_update_failed: 'object',
  plugin_pluginmanager_install_plugin: 'object', plugin_pluginmanager_uninstall_plugin: 'object',
  plugin_pluginmanager_enable_plugin: 'object', plugin_pluginmanager_disable_plugin: 'object',
  plugin_achievements_achievement_unlocked: 'object', plugin_health_check_update_healthcheck: 'null',
  plugin_webhooks_notify: 'null', plugin_webhooks_progress: 'null',
};

const ROOTS = [
  'deviceIdentifier', 'apiSecret', 'topic', 'message', 'extra', 'state', 'job', 'progress',
  'currentZ', 'offsets', 'meta', 'currentTime', 'percentCompleteMilestone', 'snapshot', 'printer',
];

function payloadKind(t: SchemaType): string {
  const members = unionMembers(t, schemaTables);
  if (members.length === 1 && members[0].kind === 'null') return 'null';
  if (members.length === 1 && members[0].kind === 'unknown') return 'unknown';
  return members.every((m) => m.kind === 'object') ? 'object' : members.map((m) => m.kind).join('|');
}

test('every event of the reference table is in the tables, by wire name, with the right payload kind', () => {
  for (const [name, kind] of Object.entries(EVENTS)) {
    const ev = schemaTables.events[name];
    assert.ok(ev, `missing event ${name}`);
    assert.is(ev.name, name);
    assert.is(payloadKind(ev.payload), kind, `${name} payload`);
    assert.ok(ev.doc && ev.doc.length > 10, `${name} has no doc`);
    assert.not.ok(ev.synthesized, `${name} is not synthesized`);
  }
});

test('wire names, not documented names: Dwelling and EStop, no Dwell; no GcodeScript events', () => {
  assert.ok(schemaTables.events.Dwelling);
  assert.ok(schemaTables.events.EStop);
  assert.is(schemaTables.events.Dwell, undefined);
  assert.is(schemaTables.events.EmergencyStop, undefined);
  assert.ok(Object.keys(schemaTables.events).every((n) => !n.startsWith('GcodeScript')));
  assert.match(schemaTables.events.Dwelling.doc ?? '', /Dwell/);
});

test('null-payload events map to exactly null', () => {
  for (const name of ['Home', 'EStop', 'FilamentChange', 'Disconnected', 'FileDeselected', 'plugin_webhooks_notify']) {
    assert.equal(schemaTables.events[name].payload, { kind: 'null' }, name);
  }
});

test('the tables hold nothing beyond the reference events and the two synthesized triggers', () => {
  const extra = Object.keys(schemaTables.events).filter((n) => !(n in EVENTS));
  assert.equal(extra.sort(), ['Progress', 'UserActionNeeded']);
});

test('UserActionNeeded and Progress are synthesized, with documented payloads', () => {
  for (const name of ['UserActionNeeded', 'Progress']) {
    const ev = schemaTables.events[name];
    assert.ok(ev, name);
    assert.is(ev.synthesized, true);
    assert.ok(ev.doc);
  }
  const reason = fieldOf(schemaTables.events.UserActionNeeded.payload, 'reason');
  assert.ok(reason);
  assert.is(reason.presence, 'always');
  assert.is(typeToString(resolveType(reason.type)), '"busy" | "action" | "prompt" | "filamentChange"');
  assert.is(fieldOf(schemaTables.events.UserActionNeeded.payload, 'line')?.presence, 'sometimes');
  const milestone = fieldOf(schemaTables.events.Progress.payload, 'milestone');
  assert.equal(milestone?.type, { kind: 'number' });
  assert.is(milestone?.presence, 'always');
});

test('PrintFailed documents both progress units, and progress is present only sometimes', () => {
  const ev = schemaTables.events.PrintFailed;
  assert.match(ev.doc ?? '', /PERCENTAGE/);
  assert.match(ev.doc ?? '', /FRACTION 0\.\.1/);
  const progress = fieldOf(ev.payload, 'progress');
  assert.ok(progress);
  assert.is(progress.presence, 'sometimes');
  assert.match(progress.doc ?? '', /WHOLE PERCENTAGE/);
  assert.match(progress.doc ?? '', /FRACTION 0\.\.1/);
  assert.match(progress.doc ?? '', /-1/);
  // reason is a literal union across the two members
  const reason = fieldOf(ev.payload, 'reason');
  assert.is(reason?.presence, 'always');
  assert.is(typeToString(reason!.type), '"cancelled" | "error"');
  // the error member alone has `error`
  assert.is(fieldOf(ev.payload, 'error')?.presence, 'sometimes');
});

test('the JOB payload base: name/path/origin always, size nullable, owner/user optional', () => {
  const p = schemaTables.events.PrintDone.payload;
  assert.is(fieldOf(p, 'name')?.presence, 'always');
  assert.is(typeToString(fieldOf(p, 'size')!.type), 'number | null');
  assert.is(fieldOf(p, 'owner')?.presence, 'sometimes');
  assert.is(fieldOf(p, 'time')?.presence, 'always');
  assert.equal(fieldOf(p, 'time')?.type, { kind: 'number' });
  assert.is(fieldOf(schemaTables.events.PrintStarted.payload, 'time'), undefined);
});

test('JSDoc text arrives in the tables: fields, types and @since', () => {
  const jobFile = resolveType({ kind: 'ref', name: 'JobFile' });
  assert.is(jobFile.kind, 'object');
  if (jobFile.kind !== 'object') return;
  assert.match(jobFile.fields.size.doc ?? '', /bytes/);
  assert.match(schemaTables.typeDocs?.JobFile ?? '', /selected file/);
  assert.is(schemaTables.events.FilamentChange.since, '1.7.0');
  assert.match(schemaTables.events.FilamentChange.doc ?? '', /M600/);
  assert.not.match(schemaTables.events.FilamentChange.doc ?? '', /@since/);
  const temps = lookupPath(schemaTables.roots.progress.type, ['printTimeLeft']);
  assert.ok(temps.ok && /seconds/.test(temps.doc ?? ''));
});

test('@unit tags arrive as units: seconds and bytes, where the schema says so, and never in the text', () => {
  const unit = (root: string, path: string[]) => {
    const l = lookupPath(schemaTables.roots[root].type, path);
    return l.ok ? l.unit : 'missing';
  };
  assert.is(unit('job', ['estimatedPrintTime']), 'seconds');
  assert.is(unit('progress', ['printTimeLeft']), 'seconds');
  assert.is(unit('job', ['file', 'size']), 'bytes');
  assert.is(unit('job', ['file', 'name']), undefined);
  assert.is(unit('progress', ['completion']), undefined);
  assert.is(fieldOf(schemaTables.events.PrintDone.payload, 'time')?.unit, 'seconds');
  assert.not.match(fieldOf(schemaTables.events.PrintDone.payload, 'time')?.doc ?? '', /@unit/);
});

test('every parameter root is present with docs; extra is unknown; meta is optional', () => {
  assert.equal(Object.keys(schemaTables.roots).sort(), [...ROOTS].sort());
  for (const name of ROOTS) {
    const root = schemaTables.roots[name];
    assert.ok(root.doc && root.doc.length > 20, `${name} doc`);
  }
  assert.equal(schemaTables.roots.extra.type, { kind: 'unknown' });
  assert.is(schemaTables.roots.meta.optional, true);
  assert.is(schemaTables.roots.job.optional, false);
  assert.equal(schemaTables.roots.currentTime.type, { kind: 'number' });
  assert.is(typeToString(schemaTables.roots.currentZ.type), 'number | null');
  const printer = schemaTables.roots.printer.type;
  assert.is(schemaTables.roots.printer.optional, false);
  for (const [field, type] of [['name', 'string'], ['url', 'string'], ['device', 'string | null']]) {
    const r = lookupPath(printer, [field]);
    assert.ok(r.ok && typeToString(r.type) === type, `printer.${field}: ${type}`);
  }
});

test('hook paths the design relies on resolve', () => {
  const root = (n: string) => schemaTables.roots[n].type;
  const file = lookupPath(root('job'), ['file', 'name']);
  assert.ok(file.ok);
  if (file.ok) assert.is(typeToString(file.type), 'string | null');
  const left = lookupPath(root('progress'), ['printTimeLeft']);
  assert.ok(left.ok && left.presence === 'always');
  const tool = lookupPath(root('job'), ['filament', 'tool0', 'length']);
  assert.ok(tool.ok);
  if (tool.ok) {
    assert.is(tool.presence, 'sometimes');
    assert.ok(tool.nullableOnTheWay);
  }
  const last = lookupPath(root('meta'), ['statistics', 'lastPrintTime', '_default']);
  assert.ok(last.ok);
  const flags = lookupPath(root('state'), ['flags', 'printing']);
  assert.ok(flags.ok && flags.presence === 'always');
  const typo = lookupPath(root('job'), ['file', 'nmae']);
  assert.is(typo.ok, false);
  if (!typo.ok) {
    assert.is(typo.failedAt, 1);
    assert.ok(typo.candidates.includes('name'));
  }
});

test('every ref in the tables names a type that exists', () => {
  const dangling: string[] = [];
  const visit = (t: SchemaType, where: string): void => {
    switch (t.kind) {
      case 'ref':
        if (!schemaTables.types[t.name]) dangling.push(`${where} -> ${t.name}`);
        return;
      case 'array':
        return visit(t.element, where);
      case 'union':
        return t.types.forEach((m) => visit(m, where));
      case 'object':
        for (const [k, f] of Object.entries(t.fields)) visit(f.type, `${where}.${k}`);
        if (t.index) visit(t.index, `${where}[*]`);
        return;
      default:
        return;
    }
  };
  for (const [name, t] of Object.entries(schemaTables.types)) visit(t, name);
  for (const [name, e] of Object.entries(schemaTables.events)) visit(e.payload, `event ${name}`);
  for (const [name, r] of Object.entries(schemaTables.roots)) visit(r.type, `root ${name}`);
  assert.equal(dangling, []);
});

test('named interfaces are refs, literal unions are literals, Record<string, X> is an index', () => {
  const job = resolveType({ kind: 'ref', name: 'JobInfo' });
  assert.ok(job.kind === 'object');
  if (job.kind !== 'object') return;
  assert.equal(job.fields.file.type, { kind: 'ref', name: 'JobFile' });
  assert.is(typeToString(job.fields.filament.type), 'FilamentByTool | NoFilamentData | null');
  const byTool = resolveType({ kind: 'ref', name: 'FilamentByTool' });
  assert.ok(byTool.kind === 'object' && byTool.index?.kind === 'ref' && Object.keys(byTool.fields).length === 0);
  const origin = resolveType({ kind: 'ref', name: 'PrintTimeLeftOrigin' });
  assert.ok(origin.kind === 'union' && origin.types.every((m) => m.kind === 'literal'));
  const temps = resolveType({ kind: 'ref', name: 'TemperatureSample' });
  assert.ok(temps.kind === 'object');
  if (temps.kind === 'object') {
    assert.equal(temps.fields.time.type, { kind: 'number' });
    assert.equal(temps.index, { kind: 'ref', name: 'HeaterTemperature' });
  }
  const flags = resolveType({ kind: 'ref', name: 'PrinterStateFlags' });
  assert.ok(flags.kind === 'object' && Object.keys(flags.fields).length === 11);
});

test.run();
