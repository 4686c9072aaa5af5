// A diagnostic is plain data: the CLI, the language server and the golden fixtures all
// print or compare the same object. Messages come only from the catalogue, through `diag`:
// one constructor per code, taking exactly the names its message has.
import type { Range } from './range.js';
import { catalogue, placeholderPattern, type DiagnosticId, type Placeholders, type Severity } from './catalogue.js';

export type { Severity };

/** Another place the diagnostic is about ("the first '@snapshot' is here"). */
export interface RelatedPlace {
  range: Range;
  message: string;
}

/** An edit that would fix the diagnostic: `replacement` written over `range` (empty to insert). */
export interface Suggestion {
  title: string;
  range: Range;
  replacement: string;
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  related?: RelatedPlace[];
  suggestions?: Suggestion[];
}

/**
 * What a constructor takes besides its message's names. `didYouMean` is the name the author
 * probably meant: the message gains " Did you mean 'x'?" and the diagnostic a suggestion that
 * writes it over the diagnostic's range (over `didYouMeanRange` when the name sits elsewhere).
 */
export interface DiagnosticExtras {
  related?: RelatedPlace[];
  suggestions?: Suggestion[];
  didYouMean?: string | undefined;
  didYouMeanRange?: Range;
}

type MessageOf<K extends DiagnosticId> = (typeof catalogue)[K]['message'];
export type DiagnosticArgs<K extends DiagnosticId> = [Placeholders<MessageOf<K>>] extends [never]
  ? []
  : [args: { readonly [P in Placeholders<MessageOf<K>>]: string | number }];

export type DiagnosticConstructor<K extends DiagnosticId> = (range: Range, ...rest: [...DiagnosticArgs<K>, extras?: DiagnosticExtras]) => Diagnostic;

function build(id: DiagnosticId, range: Range, rest: unknown[]): Diagnostic {
  const entry = catalogue[id];
  const named = entry.message.match(placeholderPattern) !== null;
  const args = (named ? rest[0] : undefined) as Record<string, string | number> | undefined;
  const extras = (named ? rest[1] : rest[0]) as DiagnosticExtras | undefined;
  let message = entry.message.replace(placeholderPattern, (_, name: string) => String(args?.[name] ?? ''));
  const out: Diagnostic = { code: entry.code, severity: entry.severity, message, range };
  const suggestions = [...(extras?.suggestions ?? [])];
  if (extras?.didYouMean !== undefined) {
    // The catalogue's texts end with a sentence, so the question follows it.
    message += ` Did you mean '${extras.didYouMean}'?`;
    out.message = message;
    suggestions.unshift({ title: `Change to '${extras.didYouMean}'`, range: extras.didYouMeanRange ?? range, replacement: extras.didYouMean });
  }
  if (extras?.related?.length) out.related = extras.related;
  if (suggestions.length) out.suggestions = suggestions;
  return out;
}

/** One constructor per catalogue entry: `diag.unknownField(range, { name, parent }, { didYouMean })`. */
export const diag = Object.fromEntries(
  Object.keys(catalogue).map((id) => [id, (range: Range, ...rest: unknown[]) => build(id as DiagnosticId, range, rest)]),
) as { readonly [K in DiagnosticId]: DiagnosticConstructor<K> };

/** The earlier place a duplicate repeats. */
export function firstHere(range: Range, message: string): RelatedPlace {
  return { range, message };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sorts by position, then code, so output is stable whatever order the phases reported in. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset || a.code.localeCompare(b.code),
  );
}
