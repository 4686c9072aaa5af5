// `octohookc test FILE (--event TRIGGER | --all) [--hook NAME] [--printer NAME] [--dry-run] [--show-secrets]`:
// like the plugin's "Send Test Webhook", through the daemon's own pipeline, with the payload
// and printer of a recorded firing of that trigger. In a farm, `--printer` says which printer
// the event comes from (default: the first each hook fires for). `--all` previews every hook on every
// trigger it listens to, each recorded variant (PrintFailed after a cancel, after an error).
// A dry run flags each placeholder that renders empty. A hook that quiet hours (read now, or
// at `--at HH:MM`, in the file's time zone) or a `when` condition keep quiet is reported with
// the part that decided, and sends nothing. Exit 0 when every hook was sent and answered
// 200–399 (or, with --dry-run, was prepared) or was suppressed, 1 otherwise; 2 when a
// variable the hooks need is not set (a dry run shows `<unset NAME>` for it instead).
import { basename } from 'node:path';
import { createLogger } from '../../runtime/log/logger.js';
import { redactText } from '../../runtime/log/redact.js';
import { formatRequest } from '../test-event/format-request.js';
import { hooksForTest, runTestEvent } from '../test-event/run-test-event.js';
import { printerNames } from '../test-event/test-printer.js';
import { testSamples, type TestSample } from '../test-event/sample-data.js';
import { moduleFromSource } from './module-from-source.js';
import { isOctohookError } from '../../runtime/errors.js';
import { compile } from '../compile.js';
import { emptyPlaceholders } from './empty-placeholders.js';
import { hookEnvNeeds, listMissing, missingEnv, missingEnvMessage, unsetPlaceholders } from '../../runtime/required-env.js';
import { args, guarded, readSource, UsageError, type Io } from './io.js';

/** `--at 23:30`: the minute of the day quiet hours are read at. */
function parseClock(text: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new UsageError(`--at takes a time of day as HH:MM (00:00 to 23:59), not '${text}'.`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function runTest(argv: string[], io: Io, env: Record<string, string | undefined> = process.env): Promise<number> {
  return guarded('test', io, async () => {
    const { values, positionals } = args(argv, {
      event: { type: 'string', short: 'e' },
      all: { type: 'boolean' },
      hook: { type: 'string' },
      printer: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'show-secrets': { type: 'boolean' },
      at: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one .ohk file.');
    const trigger = values.event as string | undefined;
    const all = values.all === true;
    if (trigger && all) throw new UsageError('give --event TRIGGER or --all, not both.');
    if (!trigger && !all) throw new UsageError('--event TRIGGER (PrintDone, Progress, UserActionNeeded, …) or --all is required.');
    const minute = values.at === undefined ? undefined : parseClock(values.at as string);
    const file = positionals[0];
    const source = await readSource(file);
    let module;
    try {
      module = await moduleFromSource(source, basename(file));
    } catch (e) {
      io.err.write(`${isOctohookError(e) ? e.message : String(e)}\n`);
      return 1;
    }
    const hookName = values.hook as string | undefined;
    if (hookName && !module.hooks.some((h) => h.name === hookName)) {
      io.err.write(`octohookc test: there is no hook '${hookName}' in ${file} (hooks: ${module.hooks.map((h) => h.name).join(', ') || 'none'}).\n`);
      return 1;
    }
    const printer = values.printer as string | undefined;
    const printers = printerNames(module);
    if (printer !== undefined && !printers.includes(printer)) {
      throw new UsageError(
        printers.length === 0
          ? `--printer names a printer block, but ${file} has none (its one printer is 'octoprint').`
          : `there is no printer '${printer}' in ${file} (printers: ${printers.join(', ')}).`,
      );
    }
    const selected = module.hooks.filter((h) => (hookName ? h.name === hookName : h.enabled));
    const triggers = trigger ? [trigger] : [...new Set(selected.flatMap((h) => h.triggers.map((t) => t.event)))];
    if (triggers.every((t) => hooksForTest(module, t, hookName, printer).length === 0)) {
      const who = hookName ? `hook '${hookName}'` : 'enabled hook';
      io.err.write(`octohookc test: no ${who} in ${file} ${trigger ? `listens to ${trigger}` : 'listens to any trigger'}${printer ? ` from printer '${printer}'` : ''}.\n`);
      return 1;
    }
    const dryRun = values['dry-run'] === true;
    const tested = [...new Set(triggers.flatMap((t) => hooksForTest(module, t, hookName, printer)))];
    const missing = missingEnv(hookEnvNeeds(module, tested), env);
    if (missing.length > 0 && !dryRun) {
      io.err.write(`octohookc test: ${missingEnvMessage(missing)}\n`);
      return 2;
    }
    if (missing.length > 0) io.err.write(`octohookc test: warning: not set, shown as <unset NAME>: ${listMissing(missing)}\n`);
    // A printer's own variables (address, key, device) are the daemon's to need; here they only
    // fill `@printer`, shown as `<unset NAME>` when missing.
    const printerNeeds = (module.printers ?? []).flatMap((p) => (p.needsEnv ?? []).map((name) => ({ name, place: `printer ${p.name}` })));
    const placeholders = { ...unsetPlaceholders(missingEnv(printerNeeds, env)), ...unsetPlaceholders(missing) };
    const logger = createLogger({ stream: io.err, level: 'warn' });
    // The same source compiled again for its checked model: the placeholders as written.
    const compiled = dryRun ? compile(source) : undefined;
    const runs: TestSample[] = triggers.flatMap((t) => (all ? testSamples(t) : testSamples(t).slice(0, 1)));
    const show = (s: string) => (values['show-secrets'] ? s : redactText(s, logger.secrets));
    let ok = true;
    let warnings = 0;
    for (const sample of runs) {
      const results = await runTestEvent({
        module, trigger: sample.trigger, dryRun, env, placeholders, logger, sample, ...(hookName ? { hook: hookName } : {}), ...(printer ? { printer } : {}), ...(minute !== undefined ? { minute } : {}),
      });
      const label = `${sample.source}${sample.variant ? `, ${sample.variant}` : ''}`;
      for (const r of results) {
        const from = printers.length > 0 ? ` from printer ${r.printer.name}` : '';
        io.out.write(`# hook ${r.hook.name} on ${sample.trigger}${from}, sample data from ${label}${dryRun ? ' (dry run: nothing sent)' : ''}\n`);
        if (r.kind === 'suppressed') {
          io.out.write(show(`suppressed by ${r.by}: ${r.reason}`) + '\n\n');
          continue;
        }
        const quiet = r.hook.quiet;
        const quietNote = !quiet ? '' : quiet.except.includes(sample.trigger) ? `${sample.trigger} is an exception to ${quiet.text}` : `not inside ${quiet.text}`;
        const passed = [r.hook.when ? 'its conditions hold' : '', quietNote].filter(Boolean);
        if (passed.length > 0) io.out.write(`# ${passed.join('; ')}\n`);
        if (r.kind === 'prepared') {
          if (r.note) io.out.write(`# ${show(r.note)}\n`);
          io.out.write(show(formatRequest(r.request, r.snapshot, show)) + '\n');
          const checked = compiled?.model?.hooks.find((h) => h.name === r.hook.name);
          for (const e of checked && compiled ? emptyPlaceholders(checked, sample.trigger, r.ctx, compiled.source) : []) {
            warnings++;
            io.err.write(`octohookc test: warning: hook '${r.hook.name}' on ${sample.trigger}${sample.variant ? ` (${sample.variant})` : ''}: ${e.placeholder} in ${e.where} renders ${e.renders}\n`);
          }
          continue;
        }
        const o = r.outcome;
        if (o.kind === 'sent') {
          ok &&= o.ok;
          io.out.write(show(`${o.status} ${o.ok ? 'OK' : 'rejected'} in ${o.ms} ms\n${o.response.bodyText.slice(0, 2000)}`) + '\n\n');
        } else {
          ok = false;
          io.out.write(show(`${o.kind === 'skipped' ? 'skipped' : 'not sent'}: ${o.reason}`) + '\n\n');
        }
      }
    }
    if (warnings > 0) {
      io.err.write(`octohookc test: ${warnings} placeholder${warnings === 1 ? '' : 's'} rendered empty: give each a \`| default('…')\`, or use it only in the \`messages\` of the triggers that have it.\n`);
    }
    return ok ? 0 : 1;
  });
}
