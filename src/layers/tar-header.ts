// The few fields of a tar header that the export readers need before tar-stream sees the entry:
// the cached-layer splitter (cached-split.ts) and the diffID peek of an archive file
// (archive-peek.ts) frame the outer tar of `docker save` themselves. Anything these strict readers
// do not understand comes back undefined, and the caller then leaves the entry to tar-stream.

export const TAR_BLOCK = 512;

/** An extended header (PAX, GNU long name or link): the next header's fields are not the whole story. */
export function isExtendedType(type: string): boolean {
  return type === 'x' || type === 'g' || type === 'L' || type === 'K';
}

/** True for an end-of-archive block (all zeros). */
export function isZeroBlock(block: Buffer): boolean {
  return block.every((byte) => byte === 0);
}

/** The stored checksum matches the header's bytes (the checksum field counted as spaces). */
export function checksumMatches(block: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < TAR_BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return octal(block, 148, 8) === sum;
}

/** The entry's path as stored: POSIX ustar's prefix (at 345) joined to the name; GNU headers use those bytes for other fields. */
export function tarName(block: Buffer): string {
  const name = tarString(block, 0, 100);
  const prefix = block.toString('latin1', 257, 263) === 'ustar\0' ? tarString(block, 345, 155) : '';
  return prefix ? `${prefix}/${name}` : name;
}

export function tarType(block: Buffer): string {
  return String.fromCharCode(block[156]!);
}

/** The data size: octal, or GNU base-256 for 8 GiB and more; undefined when neither reads cleanly. */
export function tarSize(block: Buffer): number | undefined {
  if ((block[124]! & 0x80) === 0) return octal(block, 124, 12);
  let value = 0;
  for (let i = 125; i < 136; i++) value = value * 256 + block[i]!;
  return Number.isSafeInteger(value) ? value : undefined;
}

/** A NUL-terminated text field. */
function tarString(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.toString('utf8', 0, end < 0 ? length : end);
}

/** An octal field padded with NULs or spaces; undefined for anything else. */
function octal(block: Buffer, start: number, length: number): number | undefined {
  const field = block
    .toString('latin1', start, start + length)
    .replace(/[\0 ]+$/, '')
    .replace(/^ +/, '');
  if (field === '') return 0;
  if (!/^[0-7]+$/.test(field)) return undefined;
  const value = parseInt(field, 8);
  return Number.isSafeInteger(value) ? value : undefined;
}
