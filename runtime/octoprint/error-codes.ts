// The coded errors of the OctoPrint connection (raised as OctohookError from runtime/errors.ts).
//
// OHK_ERR_OCTOPRINT_AUTH          OctoPrint rejected the API key (HTTP 401/403), or accepted the
//                                 request but returned no user for it. Fix the key in the config.
// OHK_ERR_OCTOPRINT_RATE_LIMITED  OctoPrint answered 429: too many logins. The client waits longer.
// OHK_ERR_OCTOPRINT_UNREACHABLE   No answer: connection refused, DNS, TLS or a timeout. The message
//                                 names the URL that was tried.
// OHK_ERR_OCTOPRINT_HTTP          Any other unexpected HTTP status, including an answer to the
//                                 push socket's upgrade request that is not 101.
// OHK_ERR_OCTOPRINT_PROTOCOL      The answer was not the JSON OctoPrint sends (a proxy's error
//                                 page, a different service on that port), or the push socket
//                                 broke the websocket protocol (handshake or frames).
// OHK_ERR_NOT_OCTOPRINT           The login was answered, but not by OctoPrint (404, 405 or 501
//                                 to POST /api/login, or a page that is not JSON): wrong
//                                 address, port or path.
// OHK_ERR_OCTOPRINT_NOT_HTTPS     An https:// address whose server speaks plain HTTP.
export const OCTOPRINT_ERR = {
  notOctoPrint: 'OHK_ERR_NOT_OCTOPRINT',
  notHttps: 'OHK_ERR_OCTOPRINT_NOT_HTTPS',
  auth: 'OHK_ERR_OCTOPRINT_AUTH',
  rateLimited: 'OHK_ERR_OCTOPRINT_RATE_LIMITED',
  unreachable: 'OHK_ERR_OCTOPRINT_UNREACHABLE',
  http: 'OHK_ERR_OCTOPRINT_HTTP',
  protocol: 'OHK_ERR_OCTOPRINT_PROTOCOL',
} as const;
