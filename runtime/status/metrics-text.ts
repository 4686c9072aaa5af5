// /metrics: the Prometheus text exposition format (version 0.0.4), written from the same
// snapshot as the page, plus the attempt latency histogram. Names follow Prometheus'
// conventions: a unit suffix, `_total` on counters.
import type { PushClientState } from '../octoprint/push-client.js';
import { LATENCY_BUCKETS, type DeliveryStats } from './delivery-stats.js';
import type { StatusSnapshot } from './status-snapshot.js';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const CONNECTION_STATES: readonly PushClientState[] = ['idle', 'logging-in', 'connecting', 'live', 'waiting', 'stopped'];

function label(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labels(pairs: Record<string, string>): string {
  const inner = Object.entries(pairs).map(([k, v]) => `${k}="${label(v)}"`).join(',');
  return inner ? `{${inner}}` : '';
}

export function metricsText(snap: StatusSnapshot, stats: DeliveryStats): string {
  const out: string[] = [];
  const family = (name: string, type: string, help: string, samples: Array<[Record<string, string>, number]>, suffix = '') => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [l, v] of samples) out.push(`${name}${suffix}${labels(l)} ${Number.isFinite(v) ? v : 0}`);
  };

  family('octohook_deliveries_total', 'counter', 'Deliveries that ended since start, by hook and outcome (delivered, dead, skipped).',
    snap.hooks.flatMap((h) => [
      [{ hook: h.name, outcome: 'delivered' }, h.delivered],
      [{ hook: h.name, outcome: 'dead' }, h.failed],
      [{ hook: h.name, outcome: 'skipped' }, h.skipped],
    ] as Array<[Record<string, string>, number]>));

  family('octohook_suppressed_total', 'counter', 'Firings that quiet hours or a when condition kept from a hook since start, by hook.',
    snap.hooks.map((h) => [{ hook: h.name }, h.suppressed] as [Record<string, string>, number]));

  out.push('# HELP octohook_attempt_duration_seconds How long each delivery attempt took, answered or not, by hook.', '# TYPE octohook_attempt_duration_seconds histogram');
  for (const h of snap.hooks) {
    const c = stats.hooks.get(h.name);
    let cumulative = 0;
    LATENCY_BUCKETS.forEach((le, i) => {
      cumulative += c?.buckets[i] ?? 0;
      out.push(`octohook_attempt_duration_seconds_bucket${labels({ hook: h.name, le: String(le) })} ${cumulative}`);
    });
    out.push(`octohook_attempt_duration_seconds_bucket${labels({ hook: h.name, le: '+Inf' })} ${c?.attempts ?? 0}`);
    out.push(`octohook_attempt_duration_seconds_sum${labels({ hook: h.name })} ${c?.attemptSeconds ?? 0}`);
    out.push(`octohook_attempt_duration_seconds_count${labels({ hook: h.name })} ${c?.attempts ?? 0}`);
  }

  family('octohook_pending_deliveries', 'gauge', 'Deliveries waiting in the outbox for an attempt or a retry, by hook.', snap.hooks.map((h) => [{ hook: h.name }, h.pending]));
  family('octohook_dead_letters', 'gauge', 'Dead letters kept in the outbox, by hook.', snap.hooks.map((h) => [{ hook: h.name }, h.dead]));
  family('octohook_hook_paused', 'gauge', '1 while a hook is paused from the status page, else 0.', snap.hooks.map((h) => [{ hook: h.name }, h.paused ? 1 : 0]));
  family('octohook_events_total', 'counter', 'Events from OctoPrint that fired, by trigger.', Object.entries(snap.events).map(([t, n]) => [{ trigger: t }, n]));
  family('octohook_printer_connection_state', 'gauge', "1 for the printer connection's current state, 0 for the others.",
    snap.printers.flatMap((p) => CONNECTION_STATES.map((s) => [{ printer: p.name, state: s }, p.connection === s ? 1 : 0] as [Record<string, string>, number])));
  family('octohook_printer_connected', 'gauge', '1 while the push connection to the printer is live.', snap.printers.map((p) => [{ printer: p.name }, p.connection === 'live' ? 1 : 0]));
  family('octohook_outbox_bytes', 'gauge', "The outbox journal's size on disk in bytes.", [[{}, snap.outbox.bytes]]);
  return out.join('\n') + '\n';
}
