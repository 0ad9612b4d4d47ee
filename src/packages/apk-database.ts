// Alpine's installed database (/lib/apk/db/installed): per package, F: directories, R: files, Z: their checksums.
import type { RecordSink } from './dpkg-database.js';
import { digestKey, hexDigestKey, isHex, PathHash, recordKey } from './record-key.js';

const COLON = 0x3a;
const SHA1_BYTES = 20;

/**
 * Reads the database line by line. `Z:` follows the `R:` it belongs to; its value is `Q1` and the
 * base64 SHA-1 of the file's content (apk-tools 2), or an MD5 in hex in databases written by very
 * old versions. Other encodings are not recognised: those files are scanned as if unowned.
 */
export class ApkInstalledParser {
  /** Current directory (F:) and file (R:), copied: lines are views of chunks we do not keep. */
  private dir: Buffer | undefined;
  private file: Buffer | undefined;

  constructor(private readonly add: RecordSink) {}

  line(line: Buffer): void {
    if (line.length < 2 || line[1] !== COLON) {
      if (line.length === 0) this.dir = this.file = undefined; // a blank line ends a package
      return;
    }
    const value = line.subarray(2);
    switch (line[0]) {
      case 0x50: // P: a new package
        this.dir = this.file = undefined;
        break;
      case 0x46: // F:
        this.dir = Buffer.from(value);
        this.file = undefined;
        break;
      case 0x52: // R:
        this.file = Buffer.from(value);
        break;
      case 0x5a: // Z:
        this.record(value);
        break;
    }
  }

  private record(value: Buffer): void {
    if (!this.file || this.file.length === 0) return;
    const digest = checksumKey(value);
    if (digest < 0) return;
    const hash = new PathHash().slash();
    if (this.dir && this.dir.length > 0) hash.update(this.dir).slash();
    this.add(recordKey(hash.update(this.file).key(), digest));
    this.file = undefined;
  }
}

function checksumKey(value: Buffer): number {
  if (value.length > 2 && value[0] === 0x51 && value[1] === 0x31) {
    const digest = Buffer.from(value.subarray(2).toString('latin1'), 'base64');
    return digest.length === SHA1_BYTES ? digestKey(digest) : -1;
  }
  if (value.length === 32 && isHex(value, 0, 32)) return hexDigestKey(value, 0);
  return -1;
}
