// The one table of diagnostic codes and messages (TypeScript's diagnosticMessages, in
// miniature). Messages are written once, here, with named placeholders (`{name}`); the type of
// each message gives its code a constructor in `diag` (diagnostic.ts) whose arguments the type
// checker holds to exactly those names. docs/language.md lists every code with an example; a
// test keeps the two in step.
//
// Ranges: OH1xxx lexing and syntax, OH2xxx parameters, paths and filters,
// OH3xxx hooks, triggers and settings, OH4xxx values (URLs, durations, bodies),
// OH5xxx conditions and quiet hours, OH6xxx printers (a print farm).

export type Severity = 'error' | 'warning' | 'info';

export interface CatalogueEntry<M extends string = string> {
  code: string;
  severity: Severity;
  message: M;
}

function e<const M extends string>(code: string, message: M): CatalogueEntry<M> {
  return { code, severity: 'error', message };
}
function w<const M extends string>(code: string, message: M): CatalogueEntry<M> {
  return { code, severity: 'warning', message };
}
function i<const M extends string>(code: string, message: M): CatalogueEntry<M> {
  return { code, severity: 'info', message };
}

export const catalogue = {
  // ---- OH1xxx: reading the file
  invalidEncoding: e('OH1001', 'The file is not valid UTF-8 text (byte {byte}).'),
  unexpectedCharacter: e('OH1002', "Unexpected character '{char}'."),
  unterminatedString: e('OH1003', 'Unterminated string: a string must end on the line it starts.'),
  unterminatedComment: e('OH1004', "Unterminated comment: '/*' has no matching '*/'."),
  invalidEscape: e('OH1005', "Invalid escape sequence '{escape}' in a string."),
  invalidNumber: e('OH1006', "'{text}' is not a number, a duration (500ms, 10s, 5min, 2h), an image size (1640x1232) or a byte size (5MB)."),
  expectedToken: e('OH1010', 'Expected {expected} but found {found}.'),
  expectedTopLevel: e('OH1011', 'Expected {keywords} but found {found}.'),
  expectedValue: e('OH1012', 'Expected a value but found {found}.'),
  tooDeep: e('OH1013', 'Values are nested more than {max} levels deep.'),
  unterminatedParam: e('OH1020', "Unterminated parameter: '@{' has no matching '}'."),
  emptyParam: e('OH1021', "'@' must be followed by a parameter name; write '@@' for a literal '@'."),
  invalidParam: e('OH1022', 'Invalid parameter: {problem}.'),
  invalidFilterArgument: e('OH1023', 'Filter arguments must be literals (strings, numbers, true, false or null); found {found}.'),
  internalError: e('OH1098', 'The parser failed on this file ({reason}); please report this as a bug.'),
  tooManyErrors: e('OH1099', 'Too many syntax errors; stopped after {max}.'),

  // ---- OH2xxx: parameters
  unknownRoot: e('OH2100', "'{name}' is not a parameter."),
  unknownField: e('OH2101', "'{name}' is not a field of {parent}."),
  fieldOfScalar: e('OH2102', "{path} is {type}, which has no fields."),
  fieldOnOtherTrigger: e('OH2105', "'{name}' is not a field of {parent} on {triggers}; {where}."),
  noPayload: e('OH2104', "No data comes with {triggers}: '@extra' is {} there, so '@extra.{path}' is always empty."),
  missingForTriggers: w('OH2103', "{param} is not available for {triggers}: it renders as \"\" there."),
  unknownFilter: e('OH2110', "'{name}' is not a filter."),
  filterInputType: e('OH2111', "Filter '{filter}' takes {input}, but {subject} is {type}."),
  filterArgCount: e('OH2112', "Filter '{filter}' takes {signature}."),
  filterArgType: e('OH2113', "Argument {index} of filter '{filter}' must be {expected}."),
  snapshotNested: e('OH2120', "'@snapshot' can only be a top-level value of 'data'."),
  snapshotInTemplate: e('OH2121', "'@snapshot' is an image: it cannot be part of a string, a URL or a header."),
  snapshotWithFilter: e('OH2122', "'@snapshot' takes no filters."),
  messageCycle: e('OH2123', "'@message' cannot be used inside a message: it is the message."),
  snapshotTwice: e('OH2124', "Only one '@snapshot' per hook; the first is on line {firstLine}."),
  envNeedsName: e('OH2130', "'@env' needs a variable name, as in '@env.API_TOKEN'."),
  envTooDeep: e('OH2131', "'@env.{name}' is a string: it has no fields."),
  onlyEnvHere: e('OH2132', "Only '@env.NAME' can be used in {place}: it is read before any event exists."),
  oauthNotUsed: e('OH2140', "'@{name}' is the answer of oauth block '{name}', which this hook does not use: add 'oauth {name}'."),
  secretInUrl: w('OH2150', '{subject} puts a secret into the URL, where servers and proxies log it.'),
  literalSecret: w('OH2151', "{subject} is written into the file, so it is compiled into the module too; use '@env.NAME' instead."),
  rootWithoutPath: w('OH2160', "'@{name}' puts the whole {type} object into the text as JSON; name one of its fields, or add '| json' to say you mean it."),
  emptyMilestone: w('OH2170', "'@percentCompleteMilestone' is 0 except on Progress triggers, and this hook has none."),
  foreignPlaceholder: w('OH2180', "'{written}' is sent as written: octohook's placeholders are written '{param}'."),

  // ---- OH3xxx: hooks, triggers and settings
  duplicateHook: e('OH3001', "Hook '{name}' is already defined."),
  duplicateOAuth: e('OH3002', "OAuth block '{name}' is already defined."),
  duplicateBlock: e('OH3003', "'{name}' is already set."),
  duplicateSetting: e('OH3004', "'{name}' is already set in this block."),
  duplicateKey: w('OH3005', "Key '{key}' appears twice; the last one wins."),
  duplicateHeader: w('OH3006', "Header '{name}' is set twice (header names ignore case); both are sent."),
  unknownTrigger: e('OH3010', "'{name}' is not a trigger or an OctoPrint event."),
  duplicateTrigger: w('OH3011', "Trigger '{name}' is listed twice."),
  everyOnlyProgress: e('OH3012', "'every N%' belongs to the Progress trigger only."),
  progressNeedsEvery: e('OH3013', "Progress needs an interval, as in 'Progress every 10%'."),
  progressInterval: e('OH3014', 'The progress interval must be a whole number from 1 to 99; found {found}.'),
  noTriggers: e('OH3015', "Hook '{name}' has no triggers: write 'hook {name} on PrintDone { … }'."),
  unknownSetting: e('OH3020', "'{name}' is not a setting of {block}."),
  settingType: e('OH3021', "'{setting}' must be {expected}."),
  missingSetting: e('OH3022', '{subject} needs {needs}.'),
  unknownMethod: e('OH3030', "'{method}' is not an HTTP method: use GET, POST, PUT, PATCH or DELETE."),
  unknownContent: e('OH3031', "'{content}' is not a content type: use json, form or multipart."),
  unknownOAuth: e('OH3032', "There is no oauth block '{name}'."),
  oauthUnused: w('OH3033', "OAuth block '{name}' is not used by any hook."),
  getWithBody: e('OH3034', 'A GET hook sends its data as a query string: {problem}.'),
  multipartWithoutSnapshot: w('OH3035', "'content multipart' without '@snapshot' sends only text fields."),
  snapshotMakesMultipart: i('OH3036', "'@snapshot' is sent as a file, so this hook sends multipart/form-data rather than {content}: the other fields become form fields, objects as JSON text."),
  unknownMessageTrigger: e('OH3040', "'{name}' is not a trigger of this hook."),
  returnsType: e('OH3050', "'{type}' is not a type: use string, number, boolean, object or array."),
  headerValue: e('OH3060', "Header '{name}' must be a string."),
  headerName: e('OH3061', "'{name}' is not a valid header name."),
  disabledHook: w('OH3070', "Hook '{name}' is disabled ('enabled false')."),
  noHooks: w('OH3080', 'This file defines no hooks: nothing will be sent.'),
  retryAttempts: e('OH3090', "'attempts {attempts}' needs {delays} delays, but the schedule lists {listed}."),
  signSecret: e('OH3091', "'sign' takes the signing secret as '@env.NAME' (a 'whsec_…' secret), never written into the file."),
  statusToken: e('OH3100', "'token' takes '@env.NAME': the status page's token is never written into the file."),

  // ---- OH4xxx: values
  invalidUrl: e('OH4001', 'This URL cannot be valid: {problem}.'),
  durationRange: e('OH4002', "'{setting}' must be between {min} and {max}."),
  numberRange: e('OH4003', "'{setting}' must be a number from {min} to {max}."),
  flipValue: e('OH4004', "'flip' takes h, v, both or none."),
  rotateValue: e('OH4005', "'rotate' takes 0, 90, 180 or 270 (degrees counter-clockwise)."),
  notJsonValue: e('OH4006', "{value} is not a JSON value; quote it as a string."),
  statusListen: e('OH4007', "'{address}' is not an address to listen on: {problem}."),

  // ---- OH5xxx: conditions and quiet hours
  compareTypes: e('OH5001', '{left} is {leftType} and {right} is {rightType}: they cannot be compared.'),
  durationNeedsSeconds: e('OH5002', '{subject} is not a number of seconds, so it cannot be compared with the duration {duration}.'),
  sizeNeedsBytes: e('OH5003', '{subject} is not a number of bytes, so it cannot be compared with the size {size}.'),
  secondsAsNumber: w('OH5004', "{subject} counts seconds: write the duration, as in '{example}', so the unit is plain."),
  orderNeedsNumbers: e('OH5005', "'{op}' compares numbers, durations and sizes, but {subject} is {type}."),
  matchesNeedsText: e('OH5006', "'matches' tests text, but {subject} is {type}."),
  invalidRegex: e('OH5007', 'This regular expression does not compile: {problem}.'),
  unsafeRegex: e('OH5008', 'This regular expression may take exponential time ({problem}); write it without that, or test with contains.'),
  containsNeedsTextOrList: e('OH5009', "'contains' looks inside text or a list, but {subject} is {type}."),
  notACondition: e('OH5010', "{subject} is {type}, not true or false: compare it, as in '{subject} == …'."),
  templateInCondition: e('OH5011', "Strings in a condition are compared as written: compare the parameter itself, as in '{param} == \"…\"'."),
  conditionPathMissing: w('OH5012', '{param} is not available for {triggers}: there the condition is false, unless it tests == null.'),
  nullNeedsEquality: e('OH5013', "null can only be compared with '==' or '!=', not '{op}'."),
  invalidTime: e('OH5020', "'{time}' is not a time of day: hours go from 0 to 23, minutes from 0 to 59."),
  emptyQuietHours: e('OH5021', 'Quiet hours from {time} to {time} are empty; write a range such as 23:00-07:00, or quiet off.'),
  exceptNotListened: w('OH5022', "Hook '{hook}' does not listen to '{name}', so 'except {name}' lets nothing through."),
  unknownTimezone: e('OH5030', "'{name}' is not a time zone: use an IANA name such as 'Europe/Berlin', 'America/New_York' or 'UTC'."),
  timezoneNotString: e('OH5031', "'timezone' takes the time zone's name as a string, as in 'timezone \"Europe/Berlin\"'."),

  // ---- OH6xxx: printers (a print farm)
  unknownPrinter: e('OH6001', "There is no printer block '{name}'."),
  duplicatePrinter: e('OH6002', "Printer '{name}' is already defined."),
  fromWithoutPrinters: e('OH6003', "'from' names printers, but this file has no printer blocks: add 'printer {name} { url … apiKey … }'."),
  printerNeeds: e('OH6004', "Printer '{name}' needs {needs}: each printer is its own OctoPrint."),
  octoprintWithPrinters: e('OH6005', "An 'octoprint' block cannot stand beside printer blocks: give each printer its own 'url' and 'apiKey'."),
  duplicateFrom: w('OH6006', "Printer '{name}' is listed twice."),
} as const satisfies Record<string, CatalogueEntry>;

export type DiagnosticId = keyof typeof catalogue;

/**
 * The placeholder names in a message: `{name}` made of letters and digits. Braces around
 * anything else (`{}`, `{ … }`) are text.
 */
export type Placeholders<M extends string> = M extends `${string}{${infer P}}${infer Rest}`
  ? (P extends '' | `${string}${' ' | '.' | '@'}${string}` ? never : P) | Placeholders<Rest>
  : never;

/** The same rule at run time, for filling a message and for the catalogue's test. */
export const placeholderPattern = /\{([A-Za-z][A-Za-z0-9]*)\}/g;
