// Where a code is explained: its entry in docs/language.md, which ships with the package.
// A file URL works offline and in every editor; the heading anchor is the lower-cased code.
const languageDoc = new URL('../../../docs/language.md', import.meta.url).href;

export function docsUrl(code?: string): string {
  return code ? `${languageDoc}#${code.toLowerCase()}` : languageDoc;
}
