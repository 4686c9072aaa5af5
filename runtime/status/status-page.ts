// The status page: one static HTML document with its style and script inline, no build step,
// no data in it (it fetches /api/events with the token from an input box, kept in
// sessionStorage, never in the URL). Every value is put in with textContent, never as HTML.
// The Content-Security-Policy allows exactly this script and this style, by hash.
import { createHash } from 'node:crypto';

const style = `
:root{color-scheme:light dark;--bg:#f6f7f9;--card:#fff;--fg:#1d2330;--muted:#5d6678;--ok:#1a7f37;--bad:#c62828;--warn:#9a6700;--line:#dde1e8}
@media (prefers-color-scheme:dark){:root{--bg:#12151b;--card:#1c2029;--fg:#e6e9ef;--muted:#9aa3b5;--ok:#4cc36b;--bad:#ff6b6b;--warn:#e3b341;--line:#2c3240}}
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
header{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:space-between;padding:.75rem 1rem;border-bottom:1px solid var(--line);background:var(--card)}
h1{font-size:1.1rem;margin:0}h2{font-size:1rem;margin:1.25rem 0 .5rem}main{max-width:960px;margin:0 auto;padding:0 1rem 2rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.75rem;margin:.5rem 0}
.row{display:flex;flex-wrap:wrap;gap:.35rem 1rem;align-items:baseline}.name{font-weight:600}.muted{color:var(--muted);font-size:.9em}
.pill{display:inline-block;padding:0 .5rem;border-radius:99px;font-size:.85em;border:1px solid currentColor}
.ok{color:var(--ok)}.bad{color:var(--bad)}.warn{color:var(--warn)}
.nums{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:.25rem;margin-top:.5rem;text-align:center}.nums b{display:block;font-size:1.2rem}
pre{white-space:pre-wrap;word-break:break-all;background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:.5rem;margin:.5rem 0 0;max-height:12rem;overflow:auto;font-size:.85em}
button{font:inherit;padding:.3rem .75rem;border-radius:6px;border:1px solid var(--line);background:var(--bg);color:var(--fg);cursor:pointer}button:hover{border-color:var(--muted)}
input{font:inherit;padding:.3rem .5rem;border-radius:6px;border:1px solid var(--line);background:var(--bg);color:var(--fg);width:14rem;max-width:60vw}
#note{min-height:1.4em}.actions{display:flex;gap:.5rem;margin-top:.5rem}
`;

const script = `
"use strict";
const $ = (s) => document.querySelector(s);
const key = "octohook-status-token";
let token = sessionStorage.getItem(key) || "";
let controller = null;

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "on") e.addEventListener("click", v); else e.setAttribute(k, v);
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(typeof k === "string" ? document.createTextNode(k) : k);
  return e;
}
const when = (iso) => iso ? new Date(iso).toLocaleTimeString() : "never";
function note(text, cls) { const n = $("#note"); n.textContent = text; n.className = cls || "muted"; }
function headers() { return token ? { Authorization: "Bearer " + token } : {}; }

async function act(body) {
  try {
    const r = await fetch("/api/actions", { method: "POST", headers: { ...headers(), "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const answer = await r.json().catch(() => ({}));
    if (!r.ok) return note(r.status === 401 ? "The token is wrong or missing." : (answer.error || "HTTP " + r.status), "bad");
    if (answer.affected) {
      const n = answer.affected.length;
      note((body.op === "retry" ? "Requeued " : "Dropped ") + n + (n === 1 ? " delivery" : " deliveries") + (answer.missing.length ? "; not found: " + answer.missing.join(", ") : "") + ".", "ok");
    } else note("Hook " + answer.hook + (answer.paused ? " paused." : " resumed."), "ok");
  } catch (e) { note("Could not reach the daemon.", "bad"); }
}

function letter(d, dead) {
  return el("div", { class: "card letter", "data-id": d.id },
    el("div", { class: "row" }, el("span", { class: "name" }, d.hook), el("span", {}, d.trigger),
      el("span", { class: dead ? "pill bad" : "pill warn" }, dead ? "dead" : "pending"),
      el("span", { class: "muted" }, d.method + " " + d.target), el("span", { class: "muted" }, "attempts " + d.attempts)),
    d.reason ? el("div", { class: dead ? "bad reason" : "warn reason" }, d.reason) : null,
    el("div", { class: "muted" }, (dead ? "given up " : "next attempt ") + when(d.at) + " · id " + d.id),
    d.body ? el("pre", {}, d.body) : null,
    dead ? el("div", { class: "actions" },
      el("button", { class: "retry", on: () => act({ op: "retry", ids: [d.id] }) }, "Retry"),
      el("button", { class: "drop", on: () => act({ op: "drop", ids: [d.id] }) }, "Drop")) : null);
}

function render(s) {
  $("#printers-title").textContent = s.printers.length === 1 ? "Printer" : "Printers";
  $("#printers").replaceChildren(...s.printers.map((p) => el("div", { class: "card" },
    el("div", { class: "row" }, el("span", { class: "name" }, p.name), el("span", { class: p.connection === "live" ? "pill ok" : "pill bad" }, p.connection),
      el("span", {}, p.state || ""), el("span", { class: "muted" }, p.url)),
    el("div", { class: "muted" }, "last event: " + (p.lastEvent ? p.lastEvent.trigger + " at " + when(p.lastEvent.at) : "none yet")))));
  $("#hooks").replaceChildren(...s.hooks.map((h) => {
    const last = h.last;
    const state = h.disabled ? el("span", { class: "pill bad" }, "disabled") : h.paused ? el("span", { class: "pill warn" }, "paused") : !h.enabled ? el("span", { class: "pill" }, "off") : el("span", { class: "pill ok" }, "active");
    return el("div", { class: "card hook", "data-hook": h.name },
      el("div", { class: "row" }, el("span", { class: "name" }, h.name), state,
        el("button", { class: "pause", on: () => act({ op: h.paused ? "resume" : "pause", hook: h.name }) }, h.paused ? "Resume" : "Pause")),
      el("div", { class: "last " + (last ? (last.outcome === "delivered" ? "ok" : "bad") : "muted") },
        last ? "last: " + last.trigger + " " + last.outcome + (last.status ? " (HTTP " + last.status + (last.ms !== null ? ", " + last.ms + " ms" : "") + ")" : "") + (last.reason && last.outcome !== "delivered" ? ": " + last.reason : "") + " at " + when(last.at) : "no delivery yet"),
      h.disabled ? el("div", { class: "bad" }, h.disabled) : null,
      el("div", { class: "nums" }, el("div", { class: "ok" }, el("b", {}, String(h.delivered)), "delivered"), el("div", { class: "bad" }, el("b", {}, String(h.failed)), "failed"),
        el("div", { class: "warn" }, el("b", {}, String(h.pending)), "pending"), el("div", { class: "bad" }, el("b", {}, String(h.dead)), "dead")));
  }));
  const more = (n, what) => n > 0 ? [el("p", { class: "muted" }, "and " + n + " more " + what + " ('octohook outbox list' shows them all)")] : [];
  $("#dead").replaceChildren(...(s.dead.length ? [...more(s.unlisted.dead, "older"), ...s.dead.map((d) => letter(d, true))] : [el("p", { class: "muted" }, "No dead letters.")]));
  $("#pending").replaceChildren(...(s.pending.length ? [...s.pending.map((d) => letter(d, false)), ...more(s.unlisted.pending, "behind these")] : [el("p", { class: "muted" }, "Nothing waiting.")]));
  $("#retry-all").hidden = s.dead.length === 0;
  $("#updated").textContent = "updated " + when(s.now);
}

async function connect() {
  if (controller) controller.abort();
  controller = new AbortController();
  try {
    const r = await fetch("/api/events", { headers: headers(), signal: controller.signal });
    if (r.status === 401) { $("#login").hidden = false; return note("Enter the status token (printed in the daemon's log at start, or the one you set).", "warn"); }
    if (!r.ok) throw new Error("HTTP " + r.status);
    $("#login").hidden = !!token;
    const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
    let buf = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += value;
      let i;
      while ((i = buf.indexOf("\\n\\n")) >= 0) {
        const chunk = buf.slice(0, i); buf = buf.slice(i + 2);
        const data = chunk.split("\\n").filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\\n");
        if (data) { render(JSON.parse(data)); document.body.dataset.live = "yes"; }
      }
    }
  } catch (e) { if (e.name === "AbortError") return; }
  document.body.dataset.live = "no";
  $("#updated").textContent = "reconnecting…";
  setTimeout(connect, 2000);
}

$("#login").addEventListener("submit", (e) => { e.preventDefault(); token = $("#token").value.trim(); sessionStorage.setItem(key, token); $("#token").value = ""; note(""); connect(); });
$("#retry-all").addEventListener("click", () => act({ op: "retry", allDead: true }));
connect();
`;

export const statusPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>octohook status</title>
<style>${style}</style>
</head>
<body>
<header><h1>octohook</h1><span id="updated" class="muted">connecting…</span>
<form id="login" hidden><input id="token" type="password" autocomplete="off" placeholder="status token" aria-label="status token"> <button type="submit">Use token</button></form></header>
<main>
<div id="note" class="muted" role="status"></div>
<h2 id="printers-title">Printer</h2><div id="printers"></div>
<h2>Hooks</h2><div id="hooks"></div>
<h2>Dead letters <button id="retry-all" hidden>Retry all</button></h2><div id="dead"></div>
<h2>Pending</h2><div id="pending"></div>
</main>
<script>${script}</script>
</body>
</html>
`;

const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

let csp: string | undefined;
/** The page's Content-Security-Policy. Computed when first served, not at load: hashing needs node:crypto, which a daemon without --status never loads. */
export function pageCsp(): string {
  return (csp ??= `default-src 'none'; script-src ${hash(script)}; style-src ${hash(style)}; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`);
}
