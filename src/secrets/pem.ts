// Tracks private-key blocks, which span many lines and therefore many chunks: PEM/armored keys
// and PuTTY's .ppk files.
import { Priority, type FormatInfo, type RawMatch } from './types.js';

/** Catalogue entries of the kinds this tracker reports. */
export const KEY_BLOCK_FORMATS: readonly FormatInfo[] = [
  {
    id: 'private-key',
    title: 'Private key',
    severity: 'error',
    keywords: ['-----BEGIN '],
    summary:
      'PEM private keys (PKCS#1 RSA, SEC1 EC, DSA, PKCS#8), OpenSSH and PGP private key blocks, also with escaped \\n newlines inside JSON or env values or with the body wrapped by spaces. Ignores certificates, public keys, blocks with under 64 base64 characters and keys with EXAMPLE in them.',
  },
  {
    id: 'private-key-encrypted',
    title: 'Encrypted private key',
    severity: 'warning',
    keywords: ['-----BEGIN '],
    summary:
      'The same blocks when passphrase-protected (ENCRYPTED PRIVATE KEY, Proc-Type: 4,ENCRYPTED, OpenSSH with a cipher). A warning: useless without the passphrase.',
  },
  {
    id: 'openvpn-static-key',
    title: 'OpenVPN static key',
    severity: 'error',
    keywords: ['-----BEGIN '],
    summary:
      'OpenVPN "Static key V1" blocks (openvpn --genkey: tls-auth, tls-crypt and pre-shared secret keys), in a ta.key file or inline in a profile\'s <tls-auth>/<tls-crypt>/<secret>. Ignores blocks with fewer than 64 hex characters.',
  },
  {
    id: 'putty-private-key',
    title: 'PuTTY private key',
    severity: 'error',
    keywords: ['PuTTY-User-Key-File-'],
    summary: 'PuTTY .ppk keys (format 2 and 3) with Encryption: none, up to their Private-MAC line. Ignores files that only mention the header.',
  },
  {
    id: 'putty-private-key-encrypted',
    title: 'Encrypted PuTTY private key',
    severity: 'warning',
    keywords: ['PuTTY-User-Key-File-'],
    summary: 'PuTTY keys with Encryption: aes256-cbc. A warning: useless without the passphrase.',
  },
];

/** The literal that opens every PEM block; feeds the scanner's prefilter. */
export const PEM_TRIGGER = '-----BEGIN ';
/** The literal that opens every PuTTY key file; feeds the scanner's prefilter. */
export const PUTTY_TRIGGER = 'PuTTY-User-Key-File-';
/** Label given to PuTTY blocks (PEM labels come from their BEGIN line). */
const PUTTY = 'PUTTY';

// Reference: RFC 7468 "Textual Encodings of PKIX, PKCS, and CMS Structures" §10–11 (PRIVATE KEY,
// ENCRYPTED PRIVATE KEY), OpenSSL PEM_read_bio(3) docs (legacy RSA/EC/DSA PRIVATE KEY with
// Proc-Type/DEK-Info headers), OpenSSH PROTOCOL.key ("OPENSSH PRIVATE KEY") and RFC 4880 §6.2
// (PGP PRIVATE KEY BLOCK armor). Certificates and PUBLIC KEY blocks deliberately do not match.
// OpenVPN reference manual, "--secret" / "--tls-auth" / "--tls-crypt": the key file written by
// `openvpn --genkey` is 2048 bits of hex between "-----BEGIN OpenVPN Static key V1-----" lines.
const HEADER = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?|OpenVPN Static key V1)-----/y;
const OPENVPN = 'OpenVPN Static key V1';

// Reference: PuTTY User Manual, appendix "PPK file format" (versions 2 and 3: a header line naming
// the key algorithm, then "Key: value" lines — Encryption is "none" or "aes256-cbc" — the
// Public-Lines and Private-Lines counts each followed by that many base64 lines, and Private-MAC).
const PUTTY_HEADER = /PuTTY-User-Key-File-[1-3]: [A-Za-z0-9@.-]{3,64}(?=[\r\n]|\\[rn]|$)/y;
const PUTTY_MAC = /^Private-MAC: ?[0-9a-fA-F]{16,128}$/m;
/** The private part of the smallest key (Ed25519) is 48 base64 characters. */
const MIN_PUTTY_PRIVATE_CHARS = 40;

/** A block never legitimately exceeds this (an RSA-8192 key is ~6.3 KiB); it bounds memory too. */
export const MAX_PEM_CHARS = 16 * 1024;
/** Fewer base64 characters than this is a code string or a doc snippet, not key material. */
const MIN_BODY_CHARS = 64;

/** Line separators inside a block: real newlines, or the literal "\n" of a JSON/env string. */
const SEPARATOR = /\r?\n|\\r\\n|\\n/g;
const BASE64_LINE = /^[A-Za-z0-9+/=]+$/;
const PEM_HEADER_LINE = /^[A-Za-z][A-Za-z-]*:\s?.*$/;
const END = /-----END ([A-Z ]+|OpenVPN Static key V1)-----/g;

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

  /** Is `text` at `at` a private-key header line? Returns its label ("RSA PRIVATE KEY", …, "PUTTY"). */
  static labelAt(text: string, at: number): string | undefined {
    if (text.startsWith(PUTTY_TRIGGER, at)) {
      PUTTY_HEADER.lastIndex = at;
      return PUTTY_HEADER.test(text) ? PUTTY : undefined;
    }
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
    const ended = block.label === PUTTY ? puttyEnded(block.text) : END.test(block.text);
    if (!ended && block.text.length < MAX_PEM_CHARS) return;
    this.close(out);
  }
}

/** A PuTTY block ends with its (complete) Private-MAC line. */
function puttyEnded(text: string): boolean {
  const at = text.indexOf('Private-MAC:');
  return at !== -1 && /\r?\n|\\n/.test(text.slice(at));
}
/**
 * Validate the body line by line. The secret is the whole block up to its END line when the body
 * is clean; otherwise (END missing, or foreign text inside) it is the block up to its last valid
 * line, which is still key material worth reporting if it is long enough.
 */
function judge(block: OpenBlock): PemMatch | undefined {
  if (block.label === PUTTY) return judgePutty(block);
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
    const spaced = BASE64_LINE.test(line) ? undefined : spaceWrapped(text, pos, lineEnd);
    if (spaced !== undefined) {
      // The body wrapped with spaces instead of newlines (an env value, a folded YAML string).
      base64 += spaced.base64;
      validEnd = spaced.end;
      if (spaced.endMarker !== undefined) {
        END.lastIndex = spaced.endMarker;
        const close = END.exec(text);
        if (close !== null && close.index === spaced.endMarker && close[1] === block.label) validEnd = END.lastIndex;
        break;
      }
    } else if (BASE64_LINE.test(line)) {
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
  if (block.label === OPENVPN) {
    return {
      kind: 'openvpn-static-key',
      title: 'OpenVPN static key',
      secret: text.slice(0, validEnd),
      index: block.offset,
      line: block.line,
      priority: Priority.format,
    };
  }
  return {
    kind: encrypted ? 'private-key-encrypted' : 'private-key',
    title: encrypted ? 'Encrypted private key' : 'Private key',
    secret: text.slice(0, validEnd),
    index: block.offset,
    line: block.line,
    priority: Priority.format,
    // Useless without its passphrase: still worth removing, but not the same emergency.
    ...(encrypted ? { severity: 'warning' as const } : {}),
  };
}

/**
 * A line of space-separated base64 words, possibly followed by the END marker: where the words
 * end, how many base64 characters they hold, and whether the END marker follows. Undefined when
 * the line holds anything else (prose, a header line).
 */
function spaceWrapped(text: string, from: number, to: number): { base64: number; end: number; endMarker?: number } | undefined {
  const line = text.slice(from, to);
  if (!/[ \t]/.test(line.trim())) return undefined;
  const endAt = line.indexOf('-----END ');
  const body = endAt === -1 ? line : line.slice(0, endAt);
  const words = body.trim().split(/[ \t]+/);
  if (words.length === 0 || words[0] === '' || !words.every((w) => BASE64_LINE.test(w))) return undefined;
  // Wrapped base64 comes in long runs (64 or 76 characters); words of prose are short.
  if (words.slice(0, -1).some((w) => w.length < 16)) return undefined;
  const base64 = words.reduce((sum, w) => sum + w.length, 0);
  const last = words[words.length - 1] ?? '';
  const end = from + body.lastIndexOf(last) + last.length;
  return endAt === -1 ? { base64, end } : { base64, end, endMarker: from + endAt };
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

/**
 * Walk a PuTTY key's lines: headers, the counted public and private base64 lines, the MAC. The
 * secret runs to the Private-MAC line (or the last valid private line when the block is cut).
 */
function judgePutty(block: OpenBlock): PemMatch | undefined {
  const text = block.text;
  let encrypted = false;
  let pending = 0; // base64 lines still expected after a Public-Lines/Private-Lines header
  let inPrivate = false;
  let privateChars = 0;
  let validEnd = 0;
  let pos = 0;
  SEPARATOR.lastIndex = 0;
  for (let first = true; ; first = false) {
    const sep = SEPARATOR.exec(text);
    const lineEnd = sep === null ? text.length : sep.index;
    const line = text.slice(pos, lineEnd).trim();
    if (first) {
      validEnd = lineEnd;
    } else if (pending > 0) {
      if (!BASE64_LINE.test(line)) break;
      pending--;
      if (inPrivate) privateChars += line.length;
      validEnd = lineEnd;
    } else {
      const header = /^([A-Za-z][A-Za-z0-9-]*): ?(.*)$/.exec(line);
      if (header === null) break;
      const [, name = '', value = ''] = header;
      if (name === 'Encryption') encrypted = value !== 'none';
      else if (name === 'Public-Lines' || name === 'Private-Lines') {
        pending = Number.parseInt(value, 10);
        inPrivate = name === 'Private-Lines';
        if (!(pending > 0 && pending < 200)) break;
      }
      validEnd = lineEnd;
      if (PUTTY_MAC.test(line)) break;
    }
    if (sep === null) break;
    pos = SEPARATOR.lastIndex;
  }
  const secret = text.slice(0, validEnd);
  if (privateChars < MIN_PUTTY_PRIVATE_CHARS || secret.includes('EXAMPLE')) return undefined;
  return {
    kind: encrypted ? 'putty-private-key-encrypted' : 'putty-private-key',
    title: encrypted ? 'Encrypted PuTTY private key' : 'PuTTY private key',
    secret,
    index: block.offset,
    line: block.line,
    priority: Priority.format,
    ...(encrypted ? { severity: 'warning' as const } : {}),
  };
}
