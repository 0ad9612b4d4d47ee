// The streaming file scanner: chunk boundaries, long lines, binary detection, path filters, big files.
import { describe, expect, it } from 'vitest';
import { createFileScanner, isInterestingPath, type SecretMatch } from '../../../src/secrets/index.js';
import { fake, pemKey, scanFile } from './fixtures.js';

const summary = (matches: SecretMatch[]): string[] => matches.map((m) => `${m.kind}@${m.line}:${m.secret}`);

const key = pemKey('pkcs8');
const sample = [
  'plain text line',
  `token=${fake.github()}`,
  'more text\r',
  key.trimEnd(),
  `url: https://deploy:${'Zt8q' + 'Lm2w'}@git.corp.lan/x and ${fake.slackBot()}`,
  'x'.repeat(5000) + ` ${fake.npm()} ` + 'y'.repeat(5000),
  `last line without newline ${fake.google()}`,
].join('\n');

describe('createFileScanner chunking', () => {
  const expected = summary(scanFile('/app/notes.txt', sample, 1 << 20));

  it('finds everything in one chunk, with line numbers', () => {
    expect(expected.map((s) => s.split(':')[0])).toEqual([
      'github-token@2',
      'private-key@4',
      'url-credentials@9',
      'slack-token@9',
      'npm-token@10',
      'google-api-key@11',
    ]);
  });

  it.each([1, 7, 64, 4096])('gives identical results with %i-byte chunks', (size) => {
    expect(summary(scanFile('/app/notes.txt', sample, size))).toEqual(expected);
  });

  it('gives identical results at every split position around each token', () => {
    for (const token of [fake.github(), fake.npm(), fake.google(), '-----BEGIN PRIVATE KEY-----', '-----END PRIVATE KEY-----']) {
      const at = Buffer.from(sample).indexOf(token);
      for (let split = at - 3; split <= at + token.length + 3; split++) {
        expect(summary(scanFile('/app/notes.txt', sample, [split])), `${token.slice(0, 8)} split ${split}`).toEqual(expected);
      }
    }
  });

  it('finds tokens in an endless line exactly once, at every offset near the segment cuts', () => {
    const token = fake.github();
    for (const chunk of [1000, 65536]) {
      for (let pos = 30_000; pos < 180_000; pos += 2_999) {
        const line = 'a '.repeat(pos / 2) + token + ' b'.repeat(50_000);
        const found = scanFile('/app/bundle.min.js', `header\n${line}\n`, chunk);
        expect(summary(found), `chunk ${chunk} pos ${pos}`).toEqual([`github-token@2:${token}`]);
      }
    }
  });

  it('finds tokens found from a marker or suffix (lookback) in an endless line, near the segment cuts', () => {
    const mailchimp = '0a1b2c3d4e5f6a7b' + '8c9d0e1f2a3b4c5d' + '-us6';
    for (let pos = 28_600; pos < 28_700; pos += 2) {
      const line = 'a '.repeat(pos / 2) + mailchimp + ' b'.repeat(30_000);
      expect(summary(scanFile('/app/bundle.min.js', `${line}\n`, 4096)), `pos ${pos}`).toEqual([`mailchimp-api-key@1:${mailchimp}`]);
    }
  });

  it('counts lines identically for CRLF files', () => {
    const crlf = `a\r\nb\r\nnpm=${fake.npm()}\r\n`;
    expect(scanFile('/x.txt', crlf, 1).map((m) => m.line)).toEqual([3]);
  });
});

describe('binary detection', () => {
  it('stops at a NUL byte in the first 8000 bytes', () => {
    const scanner = createFileScanner('/usr/bin/tool', 20_000);
    expect(scanner).toBeDefined();
    expect(scanner?.write(Buffer.from(`ELF ${fake.github()}\n`))).toBe(true);
    expect(scanner?.write(Buffer.from([0x7f, 0x00, 0x01]))).toBe(false);
    expect(scanner?.write(Buffer.from('more'))).toBe(false);
    expect(scanner?.end()).toEqual([]);
  });

  it('scans a file whose first NUL comes after 8000 bytes', () => {
    const content = Buffer.concat([Buffer.from('t'.repeat(8000) + `\n${fake.npm()}\n`), Buffer.from([0])]);
    expect(scanFile('/data.txt', content, 100).map((m) => m.kind)).toEqual(['npm-token']);
  });
});

describe('path filter', () => {
  it.each([
    '/usr/lib/x86_64-linux-gnu/libssl.so.3',
    '/usr/lib/libfoo.so',
    'usr/lib/python3.11/__pycache__/os.cpython-311.pyc',
    '/app/logo.png',
    '/app/font.woff2',
    '/var/cache/apt/archives/x.deb',
    '/app/dist.tar.gz',
    '/app/lib.jar',
    '/wheels/pkg-1.0-py3-none-any.whl',
    '/proc/self/environ',
    '/sys/kernel/x',
    '/root/.ssh/id_rsa.pub',
    '/root/.ssh/authorized_keys',
    '/etc/.wh..wh..opq',
    '/app/',
    '/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_i18n_Translation-en',
    '/var/lib/dpkg/info/libc6:amd64.md5sums',
    '/var/lib/dpkg/info/python3.list',
    '/var/lib/dpkg/status',
    '/var/cache/debconf/templates.dat',
  ])('skips %s', (path) => {
    expect(isInterestingPath(path)).toBe(false);
    expect(createFileScanner(path, 100)).toBeUndefined();
  });

  it.each([
    '/etc/passwd',
    './root/.npmrc',
    'app/.env',
    '/app/main.js.map',
    '/root/.ssh/id_rsa',
    '/app/server.pem',
    '/var/log/app.log',
    '/var/cache/debconf/config.dat',
    '/var/cache/debconf/passwords.dat',
    '/var/lib/dpkg/info/mypkg.postinst',
    '/srv/var/lib/apt/lists/x',
  ])('scans %s', (path) => {
    expect(isInterestingPath(path)).toBe(true);
    expect(createFileScanner(path, 100)).toBeDefined();
  });

  it('skips empty files', () => {
    expect(createFileScanner('/etc/passwd', 0)).toBeUndefined();
  });
});

describe('large files', () => {
  it('finds a token at byte 20,000,000 of a 25 MB log with flat memory', () => {
    const size = 25_000_000;
    const tokenAt = 20_000_000;
    const token = fake.github();
    const logLine = Buffer.from('2024-05-01T12:00:00Z INFO request served path=/api/v1/items status=200 ms=12\n');
    const chunk = Buffer.alloc(64 * 1024);
    for (let i = 0; i < chunk.length; i++) chunk[i] = logLine[i % logLine.length] ?? 0x20;
    const scanner = createFileScanner('/var/log/app.log', size);
    if (scanner === undefined) throw new Error('log files must be scanned');
    let written = 0;
    let expectedLine = 1;
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    while (written < size) {
      const piece = Buffer.from(chunk.subarray(0, Math.min(chunk.length, size - written)));
      if (written <= tokenAt && tokenAt < written + piece.length) {
        // Space-delimited so the token starts exactly at byte 20,000,000 (same chunk in this layout).
        piece.write(` ${token} `, tokenAt - written - 1, 'latin1');
      }
      for (const byte of tokenAt >= written ? piece.subarray(0, Math.min(piece.length, tokenAt - written)) : []) {
        if (byte === 0x0a) expectedLine++;
      }
      scanner.write(piece);
      written += piece.length;
      if ((written & 0xfffff) < chunk.length) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }
    const found = scanner.end();
    expect(found.map((m) => [m.kind, m.line, m.secret])).toEqual([['github-token', expectedLine, token]]);
    expect(heapPeak - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });
});
