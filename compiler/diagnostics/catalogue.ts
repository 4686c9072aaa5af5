// The one table of diagnostic codes and messages (TypeScript's diagnosticMessages, in
// miniature). `{0}`, `{1}` are filled by `diagnostic()`. docs/language.md lists every code
// with an example; a test keeps the two in step.
//
// Ranges: OH1xxx lexing and syntax, OH2xxx parameters, paths and filters,
// OH3xxx hooks, triggers and settings, OH4xxx values (URLs, durations, bodies).
import type { Severity } from './diagnostic.js';

interface Entry {
  code: string;
  severity: Severity;
  message: string;
}

function e(code: string, message: string): Entry {
  return { code, severity: 'error', message };
}
function w(code: string, message: string): Entry {
  return { code, severity: 'warning', message };
}
function i(code: string, message: string): Entry {
  return { code, severity: 'info', message };
}

export const catalogue = {
  // ---- OH1xxx: reading the file
  invalidEncoding: e('OH1001', 'The file is not valid UTF-8 text (byte {0}).'),
  unexpectedCharacter: e('OH1002', "Unexpected character '{0}'."),
  unterminatedString: e('OH1003', 'Unterminated string: a string must end on the line it starts.'),
  unterminatedComment: e('OH1004', "Unterminated comment: '/*' has no matching '*/'."),
  invalidEscape: e('OH1005', "Invalid escape sequence '{0}' in a string."),
  invalidNumber: e('OH1006', "'{0}' is not a number, a duration (500ms, 10s, 5m, 2h) or a size (1640x1232)."),
  expectedToken: e('OH1010', 'Expected {0} but found {1}.'),
  expectedTopLevel: e('OH1011', "Expected 'device', 'secret', 'octoprint', 'webcam', 'messages', 'oauth' or 'hook' but found {0}."),
  expectedValue: e('OH1012', 'Expected a value but found {0}.'),
  tooDeep: e('OH1013', 'Values are nested more than {0} levels deep.'),
  unterminatedParam: e('OH1020', "Unterminated parameter: '@{' has no matching '}'."),
  emptyParam: e('OH1021', "'@' must be followed by a parameter name; write '@@' for a literal '@'."),
  invalidParam: e('OH1022', 'Invalid parameter: {0}.'),
  invalidFilterArgument: e('OH1023', 'Filter arguments must be literals (strings, numbers, true, false or null); found {0}.'),
  internalError: e('OH1098', 'The parser failed on this file ({0}); please report this as a bug.'),
  tooManyErrors: e('OH1099', 'Too many syntax errors; stopped after {0}.'),

  // ---- OH2xxx: parameters
  unknownRoot: e('OH2100', "'{0}' is not a parameter."),
  unknownField: e('OH2101', "'{0}' is not a field of {1}."),
  fieldOfScalar: e('OH2102', "{0} is {1}, which has no fields."),
  fieldOnOtherTrigger: e('OH2105', "'{0}' is not a field of {1} on {2}; {3}."),
  noPayload: e('OH2104', "No data comes with {0}: '@extra' is {} there, so '@extra.{1}' is always empty."),
  missingForTriggers: w('OH2103', "{0} is not available for {1}: it renders as \"\" there."),
  unknownFilter: e('OH2110', "'{0}' is not a filter."),
  filterInputType: e('OH2111', "Filter '{0}' takes {1}, but {2} is {3}."),
  filterArgCount: e('OH2112', "Filter '{0}' takes {1}."),
  filterArgType: e('OH2113', "Argument {0} of filter '{1}' must be {2}."),
  snapshotNested: e('OH2120', "'@snapshot' can only be a top-level value of 'data'."),
  snapshotInTemplate: e('OH2121', "'@snapshot' is an image: it cannot be part of a string, a URL or a header."),
  snapshotWithFilter: e('OH2122', "'@snapshot' takes no filters."),
  messageCycle: e('OH2123', "'@message' cannot be used inside a message: it is the message."),
  snapshotTwice: e('OH2124', "Only one '@snapshot' per hook; the first is on line {0}."),
  envNeedsName: e('OH2130', "'@env' needs a variable name, as in '@env.API_TOKEN'."),
  envTooDeep: e('OH2131', "'@env.{0}' is a string: it has no fields."),
  onlyEnvHere: e('OH2132', "Only '@env.NAME' can be used in {0}: it is read before any event exists."),
  oauthNotUsed: e('OH2140', "'@{0}' is the answer of oauth block '{0}', which this hook does not use: add 'oauth {0}'."),
  secretInUrl: w('OH2150', '{0} puts a secret into the URL, where servers and proxies log it.'),
  literalSecret: w('OH2151', "{0} is written into the file, so it is compiled into the module too; use '@env.NAME' instead."),
  rootWithoutPath: w('OH2160', "'@{0}' puts the whole {1} object into the text as JSON; name one of its fields, or add '| json' to say you mean it."),
  emptyMilestone: w('OH2170', "'@percentCompleteMilestone' is 0 except on Progress triggers, and this hook has none."),
  foreignPlaceholder: w('OH2180', "'{0}' is sent as written: octohook's placeholders are written '{1}'."),

  // ---- OH3xxx: hooks, triggers and settings
  duplicateHook: e('OH3001', "Hook '{0}' is already defined."),
  duplicateOAuth: e('OH3002', "OAuth block '{0}' is already defined."),
  duplicateBlock: e('OH3003', "'{0}' is already set."),
  duplicateSetting: e('OH3004', "'{0}' is already set in this block."),
  duplicateKey: w('OH3005', "Key '{0}' appears twice; the last one wins."),
  duplicateHeader: w('OH3006', "Header '{0}' is set twice (header names ignore case); both are sent."),
  unknownTrigger: e('OH3010', "'{0}' is not a trigger or an OctoPrint event."),
  duplicateTrigger: w('OH3011', "Trigger '{0}' is listed twice."),
  everyOnlyProgress: e('OH3012', "'every N%' belongs to the Progress trigger only."),
  progressNeedsEvery: e('OH3013', "Progress needs an interval, as in 'Progress every 10%'."),
  progressInterval: e('OH3014', 'The progress interval must be a whole number from 1 to 99; found {0}.'),
  noTriggers: e('OH3015', "Hook '{0}' has no triggers: write 'hook {0} on PrintDone { … }'."),
  unknownSetting: e('OH3020', "'{0}' is not a setting of {1}."),
  settingType: e('OH3021', "'{0}' must be {1}."),
  missingSetting: e('OH3022', '{0} needs {1}.'),
  unknownMethod: e('OH3030', "'{0}' is not an HTTP method: use GET, POST, PUT, PATCH or DELETE."),
  unknownContent: e('OH3031', "'{0}' is not a content type: use json, form or multipart."),
  unknownOAuth: e('OH3032', "There is no oauth block '{0}'."),
  oauthUnused: w('OH3033', "OAuth block '{0}' is not used by any hook."),
  getWithBody: e('OH3034', 'A GET hook sends its data as a query string: {0}.'),
  multipartWithoutSnapshot: w('OH3035', "'content multipart' without '@snapshot' sends only text fields."),
  snapshotMakesMultipart: i('OH3036', "'@snapshot' is sent as a file, so this hook sends multipart/form-data rather than {0}: the other fields become form fields, objects as JSON text."),
  unknownMessageTrigger: e('OH3040', "'{0}' is not a trigger of this hook."),
  returnsType: e('OH3050', "'{0}' is not a type: use string, number, boolean, object or array."),
  headerValue: e('OH3060', "Header '{0}' must be a string."),
  headerName: e('OH3061', "'{0}' is not a valid header name."),
  disabledHook: w('OH3070', "Hook '{0}' is disabled ('enabled false')."),
  noHooks: w('OH3080', 'This file defines no hooks: nothing will be sent.'),
  retryAttempts: e('OH3090', "'attempts {0}' needs {1} delays, but the schedule lists {2}."),
  signSecret: e('OH3091', "'sign' takes the signing secret as '@env.NAME' (a 'whsec_…' secret), never written into the file."),

  // ---- OH4xxx: values
  invalidUrl: e('OH4001', 'This URL cannot be valid: {0}.'),
  durationRange: e('OH4002', "'{0}' must be between {1} and {2}."),
  numberRange: e('OH4003', "'{0}' must be a number from {1} to {2}."),
  flipValue: e('OH4004', "'flip' takes h, v, both or none."),
  rotateValue: e('OH4005', "'rotate' takes 0, 90, 180 or 270 (degrees counter-clockwise)."),
  notJsonValue: e('OH4006', "{0} is not a JSON value; quote it as a string."),
} as const satisfies Record<string, Entry>;

export type DiagnosticId = keyof typeof catalogue;
