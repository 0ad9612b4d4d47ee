// Binary keystores: PKCS#12 (.p12, .pfx) and Java's JKS/JCEKS. Recognised by their first bytes,
// whatever their name, and read as they stream with a few bytes of state: a keystore that holds a
// private key is reported, a truststore of certificates only (Java's cacerts) is not.
import type { SecretMatch } from '../types.js';
import type { BinaryScanner, CredentialFile } from './credential-file.js';

/** Bytes of the key entry kept as the finding's secret: enough for a stable fingerprint, no more. */
const SECRET_BYTES = 48;
/** A keystore is a few KB; a PKCS#12 past this is not read further (its key bag comes early or not at all). */
const MAX_PKCS12_BYTES = 8 * 1024 * 1024;

function match(format: CredentialFile, secret: Buffer): SecretMatch {
  // The key entry is encrypted with the keystore's password, often a default ("changeit") or one
  // kept next to it in the application's config; like an encrypted PEM key, a warning.
  return { kind: format.id, title: format.title, secret: secret.toString('base64'), line: 1, severity: 'warning' };
}

// Reference: RFC 7292 "PKCS #12 v1.1" §4 (PFX ::= SEQUENCE { version INTEGER {v3(3)}, authSafe
// ContentInfo, macData }; authSafe is id-data 1.2.840.113549.1.7.1) and §4.2 (bag types:
// keyBag 1.2.840.113549.1.12.10.1.1, pkcs8ShroudedKeyBag …10.1.2, certBag …10.1.3). OpenSSL and
// Java's keytool put key bags in a plain id-data SafeContents and certificates in an
// id-encryptedData one, so a key bag's OID is visible in the bytes; a truststore's certBags are not keys.
const ID_DATA = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01]);
/** The DER of a bag type OID up to its last byte: 1 is keyBag, 2 pkcs8ShroudedKeyBag. */
const KEY_BAG_PREFIX = Buffer.from([0x06, 0x0b, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01]);

/** `30 <len> 02 01 03 30 <len> 06 09 <id-data>` at the start: a PFX. */
function isPkcs12(head: Buffer): boolean {
  let at = derContent(head, 0);
  if (at === undefined || head[at] !== 0x02 || head[at + 1] !== 0x01 || head[at + 2] !== 0x03) return false;
  at = derContent(head, at + 3);
  return at !== undefined && head.subarray(at, at + ID_DATA.length).equals(ID_DATA);
}

/** Where the content of the SEQUENCE at `at` starts (definite or indefinite length), if it is one. */
function derContent(head: Buffer, at: number): number | undefined {
  if (head[at] !== 0x30) return undefined;
  const len = head[at + 1];
  if (len === undefined) return undefined;
  if (len < 0x80 || len === 0x80) return at + 2;
  const bytes = len & 0x7f;
  return bytes <= 4 ? at + 2 + bytes : undefined;
}

class Pkcs12Scanner implements BinaryScanner {
  private seen = 0;
  private tail = Buffer.alloc(0);
  private secret: Buffer | undefined;
  /** Bytes of the bag after its OID, gathered across chunks once the OID was seen. */
  private gathering: Buffer[] | undefined;
  private gathered = 0;

  write(chunk: Buffer): boolean {
    if (this.secret !== undefined) return false;
    if (this.gathering !== undefined) return this.gather(chunk);
    this.seen += chunk.length;
    // The OID may straddle two chunks: look at the previous chunk's tail joined to this one's head.
    const joined = Buffer.concat([this.tail, chunk.subarray(0, KEY_BAG_PREFIX.length + 1)]);
    for (const [text, base] of [
      [joined, -this.tail.length],
      [chunk, 0],
    ] as const) {
      for (let at = text.indexOf(KEY_BAG_PREFIX); at !== -1; at = text.indexOf(KEY_BAG_PREFIX, at + 1)) {
        const last = text[at + KEY_BAG_PREFIX.length];
        if (last !== 0x01 && last !== 0x02) continue;
        this.gathering = [];
        return this.gather(chunk.subarray(Math.max(0, base + at + KEY_BAG_PREFIX.length + 1)));
      }
    }
    // The stream's last bytes, not the chunk's: chunks may be shorter than the OID.
    const last = chunk.length >= KEY_BAG_PREFIX.length ? chunk : Buffer.concat([this.tail, chunk]);
    this.tail = Buffer.from(last.subarray(Math.max(0, last.length - KEY_BAG_PREFIX.length)));
    return this.seen < MAX_PKCS12_BYTES;
  }

  private gather(chunk: Buffer): boolean {
    const part = chunk.subarray(0, SECRET_BYTES - this.gathered);
    this.gathering!.push(Buffer.from(part)); // a copy: the chunk's memory may be reused after this write
    this.gathered += part.length;
    if (this.gathered < SECRET_BYTES) return true;
    this.secret = Buffer.concat(this.gathering!);
    return false;
  }

  end(): SecretMatch[] {
    const secret = this.secret ?? (this.gathering ? Buffer.concat(this.gathering) : undefined);
    return secret !== undefined && secret.length > 0 ? [match(pkcs12Keystore, secret)] : [];
  }
}

export const pkcs12Keystore: CredentialFile = {
  id: 'pkcs12-private-key',
  title: 'Private key in PKCS#12 keystore',
  severity: 'warning',
  keywords: [],
  paths: 'any file that starts like a PKCS#12 PFX (.p12, .pfx, renamed or not: by its bytes, never its name)',
  summary:
    'A PKCS#12 file (keytool -storetype PKCS12, openssl pkcs12 -export) holding a keyBag or pkcs8ShroudedKeyBag. A warning: the key is encrypted with the keystore password. Ignores truststores of certificates only.',
  matchesPath: () => false,
  sniff: [],
  parser: () => ({ parse() {} }),
  binary: { magic: isPkcs12, scanner: () => new Pkcs12Scanner() },
};

// Reference: OpenJDK sun.security.provider.JavaKeyStore (engineLoad/engineStore: magic 0xFEEDFEED,
// version 1 or 2, entry count, then per entry a tag — 1 private key, 2 trusted certificate — a
// modified-UTF-8 alias, a timestamp, and for a key its encrypted key bytes and certificate chain;
// version 2 names each certificate's type) and com.sun.crypto.provider.JceKeyStore (magic
// 0xCECECECE, the same layout plus tag 3, a sealed secret key).
const JKS_MAGIC = 0xfeedfeed;
const JCEKS_MAGIC = 0xcececece;

function isJavaKeystore(head: Buffer): boolean {
  if (head.length < 12) return false;
  const magic = head.readUInt32BE(0);
  const version = head.readUInt32BE(4);
  return (magic === JKS_MAGIC || magic === JCEKS_MAGIC) && (version === 1 || version === 2) && head.readUInt32BE(8) < 1_000_000;
}

/** Walks the entries, reading small fields and skipping certificates, until the first key entry. */
class JavaKeystoreScanner implements BinaryScanner {
  /** Bytes the current field needs, gathered in `field`. */
  private need = 12;
  private field: Buffer[] = [];
  private have = 0;
  /** Bytes to pass over (a certificate). */
  private skip = 0;
  private step: (field: Buffer) => void = (header) => this.header(header);
  private version = 2;
  private entries = 0;
  private tag = 0;
  private done = false;
  private secret: Buffer | undefined;

  write(chunk: Buffer): boolean {
    let at = 0;
    while (!this.done && at < chunk.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - at);
        this.skip -= n;
        at += n;
        if (this.skip === 0 && this.need === 0) this.next(Buffer.alloc(0));
        continue;
      }
      const n = Math.min(this.need - this.have, chunk.length - at);
      this.field.push(Buffer.from(chunk.subarray(at, at + n))); // a copy: the chunk's memory may be reused after this write
      this.have += n;
      at += n;
      if (this.have === this.need) this.next(Buffer.concat(this.field));
    }
    return !this.done;
  }

  private next(field: Buffer): void {
    this.field = [];
    this.have = 0;
    this.step(field);
  }

  private expect(need: number, step: (field: Buffer) => void, skip = 0): void {
    this.need = need;
    this.skip = skip;
    this.step = step;
    if (need === 0 && skip === 0) this.next(Buffer.alloc(0));
  }

  private header(field: Buffer): void {
    this.version = field.readUInt32BE(4);
    this.entries = field.readUInt32BE(8);
    this.entry();
  }

  private entry(): void {
    if (this.entries-- <= 0) return void (this.done = true);
    this.expect(4, (tag) => {
      this.tag = tag.readUInt32BE(0);
      if (this.tag < 1 || this.tag > 3) return void (this.done = true);
      this.expect(2, (len) => this.expect(len.readUInt16BE(0) + 8, () => this.body())); // alias, timestamp
    });
  }

  private body(): void {
    if (this.tag === 1) {
      // The encrypted key's length, then its first bytes: enough to report.
      this.expect(4, (len) => this.expect(Math.min(len.readUInt32BE(0), SECRET_BYTES), (key) => this.found(key)));
    } else if (this.tag === 3) {
      this.expect(SECRET_BYTES, (key) => this.found(key));
    } else {
      this.certificate(() => this.entry());
    }
  }

  private certificate(then: () => void): void {
    const cert = (): void => this.expect(4, (len) => this.expect(0, then, len.readUInt32BE(0)));
    if (this.version === 2) this.expect(2, (len) => this.expect(0, cert, len.readUInt16BE(0)));
    else cert();
  }

  private found(key: Buffer): void {
    this.secret = Buffer.from(key);
    this.done = true;
  }

  end(): SecretMatch[] {
    return this.secret !== undefined && this.secret.length > 0 ? [match(javaKeystore, this.secret)] : [];
  }
}

export const javaKeystore: CredentialFile = {
  id: 'java-keystore-private-key',
  title: 'Private key in Java keystore',
  severity: 'warning',
  keywords: [],
  paths: 'any file starting with JKS (0xFEEDFEED) or JCEKS (0xCECECECE) magic (.jks, .keystore, .jceks, cacerts, renamed or not)',
  summary:
    "A JKS or JCEKS keystore with a private-key entry (tag 1) or a JCEKS secret-key entry (tag 3). A warning: the entry is encrypted with its password. Ignores truststores of trusted certificates only (tag 2: Java's cacerts).",
  matchesPath: () => false,
  sniff: [],
  parser: () => ({ parse() {} }),
  binary: { magic: isJavaKeystore, scanner: () => new JavaKeystoreScanner() },
};
