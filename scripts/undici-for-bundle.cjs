// What the `--bundle` daemon takes from undici, in place of undici's own index (see
// scripts/build.mjs). That index loads every part of undici (fetch's cache storage, mocks,
// proxy agents, every interceptor, cookies, EventSource), about 570 KiB minified; the daemon
// uses the keep-alive Agent, the redirect interceptor and `request` (its push socket is its own
// client, runtime/octoprint/websocket-client.ts). Everything else in the repository (dist/,
// the npm-installed CLI, the tests) keeps importing undici itself;
// tests/bundle/bundle-size.test.ts checks that each name the runtime imports from 'undici' is
// here.
'use strict'

// Loaded on first use: nothing of it is needed before the daemon's first log line, and undici's
// modules and the Node built-ins they load (tls, crypto) are most of what the bundle would
// otherwise evaluate at start.
let http
function loadHttp () {
  if (http) return http
  const Dispatcher = require('undici/lib/dispatcher/dispatcher')
  const Agent = require('undici/lib/dispatcher/agent')
  const apiRequest = require('undici/lib/api/api-request')
  const redirect = require('undici/lib/interceptor/redirect')
  const { parseURL } = require('undici/lib/core/util')
  const { InvalidArgumentError } = require('undici/lib/core/errors')
  const { getGlobalDispatcher } = require('undici/lib/global')

  // As undici's index does, so a dispatcher has its `request` method.
  Dispatcher.prototype.request = apiRequest

  /** undici's top-level `request(url, options)`: the URL split into origin and path, on `options.dispatcher`. */
  function request (url, opts = {}) {
    if (opts.agent) throw new InvalidArgumentError('unsupported opts.agent. Did you mean opts.client?')
    const target = parseURL(url)
    const { dispatcher = getGlobalDispatcher(), ...rest } = opts
    return apiRequest.call(dispatcher, {
      ...rest,
      origin: target.origin,
      path: target.search ? `${target.pathname}${target.search}` : target.pathname,
      method: rest.method || (rest.body ? 'PUT' : 'GET')
    })
  }

  http = { Agent, Dispatcher, interceptors: { redirect }, request }
  return http
}

for (const name of ['Agent', 'Dispatcher', 'interceptors', 'request']) {
  Object.defineProperty(module.exports, name, { enumerable: true, get: () => loadHttp()[name] })
}
