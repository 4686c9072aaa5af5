// The words of the language. The lexer turns them into keyword tokens, the language server
// reads them to know where a top-level item starts; both take them from here so that a new
// declaration is one line in one place.

/** The keywords that start a top-level declaration, in the order messages list them. */
export const topLevelKeywords = ['device', 'secret', 'octoprint', 'webcam', 'messages', 'status', 'oauth', 'printer', 'hook', 'timezone', 'quiet'] as const;

/** The words of conditions and quiet hours (`when … and not …`, `quiet … except …`, `quiet off`). */
export const conditionKeywords = ['when', 'and', 'or', 'not', 'in', 'contains', 'matches', 'except', 'off'] as const;

/** Every keyword. They stay usable as keys, words and names (`oauth token`, `{ messages: … }`). */
export const keywords = [...topLevelKeywords, 'on', 'every', 'from', 'true', 'false', 'null', ...conditionKeywords] as const;

export type TopLevelKeyword = (typeof topLevelKeywords)[number];
export type Keyword = (typeof keywords)[number];

const topLevelSet: ReadonlySet<string> = new Set(topLevelKeywords);

export function isTopLevelKeyword(word: string): word is TopLevelKeyword {
  return topLevelSet.has(word);
}

/** The top-level keywords as a message lists them: `'device', 'secret', … or 'quiet'`. */
export function topLevelKeywordList(): string {
  const quoted = topLevelKeywords.map((k) => `'${k}'`);
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
