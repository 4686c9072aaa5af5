// How a one-file bundle (`octohookc build --bundle`) says what it is: its first line ends so
// (compiler/cli/write-bundle.ts writes it). `octohook run` reads it to refuse the file
// rather than import it, which would start the daemon inside it.
export const bundleFirstLineEnd = 'Built by octohookc; do not edit.';

export function isOneFileBundle(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('utf8');
  const firstLine = head.split('\n', 1)[0];
  return firstLine.startsWith('// ') && firstLine.trimEnd().endsWith(bundleFirstLineEnd);
}
