// `octohookc test FILE --event TRIGGER [--hook NAME] [--dry-run] [--show-secrets]`: like
// the plugin's "Send Test Webhook", through the daemon's own pipeline. Exit 0 when every
// hook was sent and answered 200–399 (or, with --dry-run, was prepared), 1 otherwise; 2 when
// a variable the hooks need is not set (the dry run shows `<unset NAME>` for it instead).
import { basename } from 'node:path';
import { createLogger } from '../../runtime/log/logger.js';
import { redactText } from '../../runtime/log/redact.js';
import { formatRequest } from '../../runtime/test-event/format-request.js';
import { hooksForTest, runTestEvent } from '../../runtime/test-event/run-test-event.js';
import { moduleFromSource } from '../../runtime/load-module.js';
import { isOctohookError } from '../../runtime/errors.js';
import { hookEnvNeeds, listMissing, missingEnv, missingEnvMessage, unsetPlaceholders } from '../../runtime/required-env.js';
import { args, guarded, readSource, UsageError, type Io } from './io.js';

export function runTest(argv: string[], io: Io, env: Record<string, string | undefined> = process.env): Promise<number> {
  return guarded('test', io, async () => {
    const { values, positionals } = args(argv, {
      event: { type: 'string', short: 'e' },
      hook: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'show-secrets': { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one .ohk file.');
    const trigger = values.event as string | undefined;
    if (!trigger) throw new UsageError('--event TRIGGER is required (PrintDone, Progress, UserActionNeeded, …).');
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
    if (hooksForTest(module, trigger, hookName).length === 0) {
      io.err.write(`octohookc test: no ${hookName ? `hook '${hookName}'` : 'enabled hook'} in ${file} listens to ${trigger}.\n`);
      return 1;
    }
    const dryRun = values['dry-run'] === true;
    const missing = missingEnv(hookEnvNeeds(module, hooksForTest(module, trigger, hookName)), env);
    if (missing.length > 0 && !dryRun) {
      io.err.write(`octohookc test: ${missingEnvMessage(missing)}\n`);
      return 2;
    }
    if (missing.length > 0) io.err.write(`octohookc test: warning: not set, shown as <unset NAME>: ${listMissing(missing)}\n`);
    const logger = createLogger({ stream: io.err, level: 'warn' });
    const placeholders = unsetPlaceholders(missing);
    const results = await runTestEvent({ module, trigger, dryRun, env, placeholders, logger, ...(hookName ? { hook: hookName } : {}) });
    const show = (s: string) => (values['show-secrets'] ? s : redactText(s, logger.secrets));
    let ok = true;
    for (const r of results) {
      io.out.write(`# hook ${r.hook.name} on ${trigger}, sample data${dryRun ? ' (dry run: nothing sent)' : ''}\n`);
      if (r.kind === 'prepared') {
        if (r.note) io.out.write(`# ${show(r.note)}\n`);
        io.out.write(show(formatRequest(r.request, r.snapshot, show)) + '\n');
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
    return ok ? 0 : 1;
  });
}
