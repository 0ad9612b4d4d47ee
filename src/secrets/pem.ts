// Tracks PEM/armored private-key blocks, which span many lines and therefore many chunks.
import { Priority, type RawMatch } from './types.js';

/** The literal that opens every block; feeds the scanner's prefilter. */
export const PEM_TRIGGER = '-----BEGIN ';

// Reference: RFC 7468 "Textual Encodings of PKIX, PKCS, and CMS Structures" §10–11 (PRIVATE KEY,
// ENCRYPTED PRIVATE KEY), OpenSSL PEM_read_bio(3) docs (legacy RSA/EC/DSA PRIVATE KEY with
// Proc-Type/DEK-Info headers), OpenSSH PROTOCOL.key ("OPENSSH PRIVATE KEY") and RFC 4880 §6.2
// (PGP PRIVATE KEY BLOCK armor). Certificates and PUBLIC KEY blocks deliberately do not match.
const HEADER = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/y;

/** A block never legitimately exceeds this (an RSA-8192 key is ~6.3 KiB); it bounds memory too. */
export const MAX_PEM_CHARS = 16 * 1024;
/** Fewer base64 characters than this is a code string or a doc snippet, not key material. */
const MIN_BODY_CHARS = 64;

/** Line separators inside a block: real newlines, or the literal "\n" of a JSON/env string. */
const SEPARATOR = /\r?\n|\\r\\n|\\n/g;
const BASE64_LINE = /^[A-Za-z0-9+/=]+$/;
const PEM_HEADER_LINE = /^[A-Za-z][A-Za-z-]*:\s?.*$/;
const END = /-----END ([A-Z ]+)-----/g;

interface OpenBlock {
  /** Block text from its BEGIN line on, capped at MAX_PEM_CHARS. */
  text: string;
  label: string;
  /** Offset of the BEGIN line, in the coordinates the caller uses. */
  offset: number;
  line: number;
}

/** A confirmed key block; `offset`/`line` are those passed to `begin`. */
export interface PemMatch extends RawMatch {
  line: number;
}

export class PemTracker {
  private open: OpenBlock | undefined;

  /** Is `text` at `at` a private-key BEGIN line? Returns its label ("RSA PRIVATE KEY", …). */
  static labelAt(text: string, at: number): string | undefined {
    HEADER.lastIndex = at;
    return HEADER.exec(text)?.[1];
  }

  get active(): boolean {
    return this.open !== undefined;
  }

  /** Start a block at a confirmed header; any block still open is closed as unterminated first. */
  begin(label: string, text: string, offset: number, line: number, out: PemMatch[]): void {
    this.close(out);
    this.open = { text: text.slice(0, MAX_PEM_CHARS), label, offset, line };
    this.check(out);
  }

  /** Append further text of the open block; reports it once END or the size bound is reached. */
  feed(text: string, out: PemMatch[]): void {
    const block = this.open;
    if (block === undefined) return;
    block.text += text.slice(0, MAX_PEM_CHARS - block.text.length);
    this.check(out);
  }

  /** Close the open block (end of input, or a new BEGIN) and judge whatever was collected. */
  close(out: PemMatch[]): void {
    const block = this.open;
    this.open = undefined;
    const match = block === undefined ? undefined : judge(block);
    if (match !== undefined) out.push(match);
  }

  private check(out: PemMatch[]): void {
    const block = this.open;
    if (block === undefined) return;
    END.lastIndex = 11;
    if (!END.test(block.text) && block.text.length < MAX_PEM_CHARS) return;
    this.close(out);
  }
}
/**
 * Validate the body line by line. The secret is the whole block up to its END line when the body
 * is clean; otherwise (END missing, or foreign text inside) it is the block up to its last valid
 * line, which is still key material worth reporting if it is long enough.
 */
function judge(block: OpenBlock): PemMatch | undefined {
  const text = block.text;
  let pos = text.indexOf('-----', 11) + 5; // end of the BEGIN line
  let base64 = 0;
  let encrypted = block.label.startsWith('ENCRYPTED');
  let validEnd = pos;
  SEPARATOR.lastIndex = pos;
  for (;;) {
    const sep = SEPARATOR.exec(text);
    const lineEnd = sep === null ? text.length : sep.index;
    const line = text.slice(pos, lineEnd).trim();
    END.lastIndex = pos;
    const end = line.startsWith('-----END ') ? END.exec(text) : null;
    if (end !== null) {
      if (end[1] === block.label) validEnd = END.lastIndex;
      break;
    }
    if (BASE64_LINE.test(line)) {
      base64 += line.length;
      validEnd = lineEnd;
    } else if (line !== '' && !(base64 === 0 && PEM_HEADER_LINE.test(line))) {
      break; // foreign text: the block ends here
    } else if (/ENCRYPTED/.test(line)) {
      encrypted = true; // legacy "Proc-Type: 4,ENCRYPTED"
    }
    if (sep === null) break;
    pos = SEPARATOR.lastIndex;
  }
  // AWS and others publish sample keys with "EXAMPLE" spliced into the body.
  if (base64 < MIN_BODY_CHARS || text.slice(0, validEnd).includes('EXAMPLE')) return undefined;
  if (block.label === 'OPENSSH PRIVATE KEY') {
    const cipher = opensshCipher(text.slice(0, validEnd));
    if (cipher !== undefined && cipher !== 'none') encrypted = true;
  }
  return {
    kind: encrypted ? 'private-key-encrypted' : 'private-key',
    title: encrypted ? 'Encrypted private key' : 'Private key',
    secret: text.slice(0, validEnd),
    index: block.offset,
    line: block.line,
    priority: Priority.format,
  };
}

/**
 * OpenSSH keys name their cipher inside the base64 body ("openssh-key-v1\0", then a length-prefixed
 * cipher name: "none" for a plain key). Reference: OpenSSH PROTOCOL.key, "Overall format".
 */
function opensshCipher(block: string): string | undefined {
  const body = block.slice(block.indexOf('-----', 11) + 5).replace(/\\[rn]|[^A-Za-z0-9+/]/g, '');
  const bytes = Buffer.from(body.slice(0, 64), 'base64');
  const magic = 'openssh-key-v1\0';
  if (bytes.toString('latin1', 0, magic.length) !== magic || bytes.length < magic.length + 4) return undefined;
  const length = bytes.readUInt32BE(magic.length);
  return bytes.toString('latin1', magic.length + 4, magic.length + 4 + Math.min(length, 32));
}
