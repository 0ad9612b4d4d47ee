// Test-only builders for secret-shaped strings. Every token is assembled at runtime from harmless
// pieces so no file in the repository contains a literal that looks like a real credential.
import { generateKeyPairSync } from 'node:crypto';
import { createFileScanner, type SecretMatch } from '../../../src/secrets/index.js';
import { alphabet, body } from './corpus/gen.js';

const b64url = (s: string): string => Buffer.from(s, 'utf8').toString('base64url');

export const fake = {
  github: (): string => 'ghp_' + body(alphabet.alnum, 36, 'fake-github'),
  githubOauth: (): string => 'gho_' + body(alphabet.alnum, 36, 'fake-github-oauth'),
  githubFineGrained: (): string => 'github_pat_' + 'A1b2C3d4E5f6G7h8I9j0K1' + '_' + 'm2N3o4P5q6'.repeat(6).slice(0, 59),
  gitlab: (): string => 'glpat-' + 'Ab3De5Gh7Jk9Mn1Pq2Rs',
  awsKeyId: (): string => 'AKIA' + 'Q7X2M4N6P8R3T5V9',
  awsTempKeyId: (): string => 'ASIA' + 'Z2Y4X6W8V1U3T5S7',
  awsSecret: (): string => 'k9Lm' + 'Xp2QwE7rT5yU1iO3pA6sD8fG0hJ4kZ/+' + 'bN5c',
  slackBot: (): string =>
    'xoxb-' +
    body(alphabet.digits, 12, 'fake-slack-t') +
    '-' +
    body(alphabet.digits, 13, 'fake-slack-b') +
    '-' +
    body(alphabet.alnum, 24, 'fake-slack'),
  slackWebhook: (): string =>
    'https://hooks.slack.com/services/' +
    'T0' +
    body(alphabet.upperAlnum, 8, 'fake-hook-t') +
    '/' +
    'B0' +
    body(alphabet.upperAlnum, 8, 'fake-hook-b') +
    '/' +
    body(alphabet.alnum, 24, 'fake-hook'),
  stripeLive: (): string => 'sk_' + 'live_' + body(alphabet.alnum, 30, 'fake-stripe-live'),
  stripeRestricted: (): string => 'rk_' + 'live_' + body(alphabet.alnum, 30, 'fake-stripe-rk'),
  stripeTest: (): string => 'sk_' + 'test_' + body(alphabet.alnum, 30, 'fake-stripe-test'),
  npm: (): string => 'npm_' + body(alphabet.alnum, 36, 'fake-npm'),
  pypi: (): string => 'pypi-' + 'AgEIcHlwaS5vcmc' + 'CJDk1Yzg2N2Qx'.repeat(5),
  google: (): string => 'AIza' + 'Sy' + body(alphabet.urlSafe, 33, 'fake-google'),
  jwt: (claims: Record<string, unknown> = { sub: 'svc-deploy', iat: 1700000000 }): string =>
    [b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' })), b64url(JSON.stringify(claims)), 'c2lnbmF0dXJl' + 'X1o2'.repeat(6)].join('.'),
};

/** A freshly generated (throwaway) private key in PEM form. */
export function pemKey(kind: 'pkcs8' | 'sec1' | 'encrypted' = 'pkcs8'): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  if (kind === 'sec1') return privateKey.export({ type: 'sec1', format: 'pem' }).toString();
  if (kind === 'encrypted') {
    return privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString();
  }
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** An OpenSSH-format key block with the given cipher name (the body is filler after the header). */
export function opensshKey(cipher: 'none' | 'aes256-ctr'): string {
  const name = Buffer.from(cipher);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(name.length);
  const bytes = Buffer.concat([Buffer.from('openssh-key-v1\0'), len, name, Buffer.alloc(300, 0x5a)]);
  const body =
    bytes
      .toString('base64')
      .match(/.{1,70}/g)
      ?.join('\n') ?? '';
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

/** A PuTTY .ppk key file (format 3) with seeded filler lines in place of key material. */
export function puttyKey(encrypted: boolean): string {
  const line = (n: number, seed: number): string => Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + seed * 101) & 0xff)).toString('base64');
  return [
    'PuTTY-User-Key-File-3: ssh-ed25519',
    `Encryption: ${encrypted ? 'aes256-cbc' : 'none'}`,
    'Comment: ed25519-key-20240101',
    'Public-Lines: 2',
    line(48, 1),
    line(3, 2),
    ...(encrypted
      ? [
          'Key-Derivation: Argon2id',
          'Argon2-Memory: 8192',
          'Argon2-Passes: 13',
          'Argon2-Parallelism: 1',
          'Argon2-Salt: ' + '0f1e2d3c4b5a6978'.repeat(2),
        ]
      : []),
    'Private-Lines: 1',
    line(32, 3),
    'Private-MAC: ' + '9a8b7c6d5e4f3a2b'.repeat(4),
  ].join('\n');
}

/** Feed `content` to a file scanner in chunks of `size` bytes (or at the given split points). */
export function scanFile(path: string, content: string | Buffer, chunking: number | number[] = 65536): SecretMatch[] {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const scanner = createFileScanner(path, bytes.length);
  if (scanner === undefined) throw new Error(`${path} is not scanned`);
  const cuts = typeof chunking === 'number' ? Array.from({ length: Math.ceil(bytes.length / chunking) }, (_, i) => i * chunking).slice(1) : chunking;
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    if (!scanner.write(bytes.subarray(start, cut))) break;
    start = cut;
  }
  return scanner.end();
}

/** Kinds found in a text file named `path`. */
export const kindsIn = (path: string, content: string): string[] => scanFile(path, content).map((m) => m.kind);
