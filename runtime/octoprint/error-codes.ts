// The coded errors of the OctoPrint connection (raised as OctohookError from runtime/errors.ts).
//
// OHK_ERR_OCTOPRINT_AUTH          OctoPrint rejected the API key (HTTP 401/403), or accepted the
//                                 request but returned no user for it. Fix the key in the config.
// OHK_ERR_OCTOPRINT_RATE_LIMITED  OctoPrint answered 429: too many logins. The client waits longer.
// OHK_ERR_OCTOPRINT_UNREACHABLE   No answer: connection refused, DNS, TLS or a timeout. The message
//                                 names the URL that was tried.
// OHK_ERR_OCTOPRINT_HTTP          Any other unexpected HTTP status.
// OHK_ERR_OCTOPRINT_PROTOCOL      The answer was not the JSON OctoPrint sends (a proxy's error
//                                 page, a different service on that port).
export const OCTOPRINT_ERR = {
  auth: 'OHK_ERR_OCTOPRINT_AUTH',
  rateLimited: 'OHK_ERR_OCTOPRINT_RATE_LIMITED',
  unreachable: 'OHK_ERR_OCTOPRINT_UNREACHABLE',
  http: 'OHK_ERR_OCTOPRINT_HTTP',
  protocol: 'OHK_ERR_OCTOPRINT_PROTOCOL',
} as const;
