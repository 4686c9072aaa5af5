// Why a file could not be read or written, in words instead of Node's raw error text (which
// names the syscall, and for an atomic write the temporary file rather than the one asked for).
export function fileErrorReason(e: unknown, writing = false): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return writing ? 'its folder does not exist' : 'no such file';
    case 'ENOTDIR':
      return writing ? 'a part of its path is not a folder' : 'no such file';
    case 'EISDIR':
      return 'it is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EEXIST':
      return 'it exists already (not overwritten)';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}
