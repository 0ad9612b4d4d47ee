// dpkg's records of what its packages installed: info/*.md5sums lines and the conffiles listed in status.
import { hexDigestKey, isHex, PathHash, recordKey } from './record-key.js';

export type RecordSink = (key: number) => void;

const SPACE = 0x20;
const TAB = 0x09;
const SLASH = 0x2f;
const STAR = 0x2a;
const MD5_HEX = 32;

/**
 * One line of a package's md5sums file: `<md5 hex>  <path without leading slash>`, as dh_md5sums
 * writes it with md5sum (a `*` instead of the second space is md5sum's binary mode).
 */
export function parseMd5sumsLine(line: Buffer, add: RecordSink): void {
  if (line.length <= MD5_HEX + 2 || line[MD5_HEX] !== SPACE || (line[MD5_HEX + 1] !== SPACE && line[MD5_HEX + 1] !== STAR)) return;
  if (!isHex(line, 0, MD5_HEX)) return;
  addRecord(line, MD5_HEX + 2, line.length, hexDigestKey(line, 0), add);
}

/**
 * Reads `status` (or a distroless `status.d/<package>` stanza) line by line and records each
 * conffile: dpkg keeps their md5 there, not in md5sums, as ` <path> <md5>[ obsolete|remove-on-upgrade]`
 * continuation lines of a `Conffiles:` field. Obsolete conffiles count too: they are content a
 * package shipped, left on disk.
 */
export class DpkgStatusParser {
  private inConffiles = false;

  constructor(private readonly add: RecordSink) {}

  line(line: Buffer): void {
    if (line.length === 0) {
      this.inConffiles = false;
    } else if (line[0] === SPACE || line[0] === TAB) {
      if (this.inConffiles) parseConffile(line, this.add);
    } else {
      this.inConffiles = isConffilesField(line);
    }
  }
}

const CONFFILES = Buffer.from('Conffiles:');

function isConffilesField(line: Buffer): boolean {
  return line.length >= CONFFILES.length && line.subarray(0, CONFFILES.length).equals(CONFFILES);
}

function parseConffile(line: Buffer, add: RecordSink): void {
  let start = 0;
  while (start < line.length && (line[start] === SPACE || line[start] === TAB)) start++;
  let end = line.length;
  while (end > start && (line[end - 1] === SPACE || line[end - 1] === 0x0d)) end--;
  let space = line.lastIndexOf(SPACE, end - 1);
  if (!isDigestWord(line, space, end)) {
    // A trailing flag ("obsolete", "remove-on-upgrade"): the digest is the word before it.
    end = space;
    space = end > start ? line.lastIndexOf(SPACE, end - 1) : -1;
    // "newconffile" instead of a digest: not installed yet, nothing to record.
    if (!isDigestWord(line, space, end)) return;
  }
  if (space <= start) return;
  addRecord(line, start, space, hexDigestKey(line, space + 1), add);
}

function isDigestWord(line: Buffer, space: number, end: number): boolean {
  return space >= 0 && end - space - 1 === MD5_HEX && isHex(line, space + 1, end);
}

function addRecord(line: Buffer, pathStart: number, pathEnd: number, digest: number, add: RecordSink): void {
  if (pathStart >= pathEnd || digest < 0) return;
  const hash = new PathHash();
  if (line[pathStart] !== SLASH) hash.slash();
  add(recordKey(hash.update(line, pathStart, pathEnd).key(), digest));
}
