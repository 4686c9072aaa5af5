// The words of the language. The lexer turns them into keyword tokens, the language server
// reads them to know where a top-level item starts; both take them from here so that a new
// declaration is one line in one place.

/** The keywords that start a top-level declaration, in the order messages list them. */
export const topLevelKeywords = ['device', 'secret', 'octoprint', 'webcam', 'messages', 'status', 'oauth', 'printer', 'hook'] as const;

/** Every keyword. They stay usable as keys, words and names (`oauth token`, `{ messages: … }`). */
export const keywords = [...topLevelKeywords, 'on', 'every', 'from', 'true', 'false', 'null'] as const;

export type TopLevelKeyword = (typeof topLevelKeywords)[number];
export type Keyword = (typeof keywords)[number];

const topLevelSet: ReadonlySet<string> = new Set(topLevelKeywords);

export function isTopLevelKeyword(word: string): word is TopLevelKeyword {
  return topLevelSet.has(word);
}
