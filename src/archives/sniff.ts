// Which archive format a file is: by its first bytes (a renamed or extension-less archive is still
// one), with the extension as a hint only for what is not sniffable up front.

export type ArchiveKind = 'zip' | 'gzip' | 'zstd' | 'tar' | 'bzip2' | 'xz';

/** Names we open (or at least look at the magic of) even though the text scanner skips them. */
const ARCHIVE_EXTENSION = /\.(?:jar|war|ear|zip|nupkg|whl|tar|tgz|gz|zst|tzst|bz2|tbz2|xz|txz)$/i;

/** Cheap path check: worth handing this file to the archive reader? */
export function isArchivePath(path: string): boolean {
  return ARCHIVE_EXTENSION.test(path);
}

/** Bytes needed to tell a tar apart ("ustar" at offset 257). */
export const SNIFF_BYTES = 262;

/** The archive kind of a file starting with `head`, or undefined for anything else. */
export function sniffArchive(head: Buffer): ArchiveKind | undefined {
  if (head.length < 4) return undefined;
  const b0 = head[0]!;
  const b1 = head[1]!;
  // Local file header, or the end record of an empty zip.
  if (b0 === 0x50 && b1 === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))) return 'zip';
  if (b0 === 0x1f && b1 === 0x8b && head[2] === 8) return 'gzip';
  if (b0 === 0x28 && b1 === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  if (b0 === 0x42 && b1 === 0x5a && head[2] === 0x68) return 'bzip2';
  if (b0 === 0xfd && b1 === 0x37 && head[2] === 0x7a && head[3] === 0x58 && head[4] === 0x5a && head[5] === 0) return 'xz';
  if (head.length >= SNIFF_BYTES && head.toString('latin1', 257, 262) === 'ustar') return 'tar';
  return undefined;
}

const ZIP_EXTENSION = /\.(?:jar|war|ear|zip|nupkg|whl)$/i;

/**
 * Like sniffArchive, and a zip-family name starting with "#!" is a zip too: Spring Boot's "fully
 * executable" jars (and self-extracting zips) put a launch script before the zip proper.
 */
export function sniffArchiveAt(path: string, head: Buffer): ArchiveKind | undefined {
  const kind = sniffArchive(head);
  if (kind) return kind;
  return head.length >= 2 && head[0] === 0x23 && head[1] === 0x21 && ZIP_EXTENSION.test(path) ? 'zip' : undefined;
}

/** The name of what a single-file compressor wrapped: `app.env.gz` → `app.env`, `backup.tgz` → `backup.tar`. */
export function innerName(name: string): string {
  return name.replace(/\.t(?:gz|zst|bz2|xz)$/i, '.tar').replace(/\.(?:gz|zst|bz2|xz)$/i, '');
}
