// secret-file inside .bz2 and .xz (and their tars): found with the member named, bombs stopped at a
// bound, broken and truncated streams warned about, an xz inside an xz refused instead of waiting.
// The archives are made by the real bzip2 and xz tools (scripts/ensure-packages.sh installs them).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { ImageReport } from '../../../src/engine/report.js';
import { fake } from '../secrets/fixtures.js';
import { allRulesOffBut, checkMemoryImage } from '../support/check-memory-image.js';
import { classicSaveArchive, layerTar, tarBuffer, type FileSpec } from '../support/image-builder.js';

async function check(files: FileSpec[], options: Record<string, unknown> = {}): Promise<ImageReport> {
  const built = await classicSaveArchive([await layerTar(files)]);
  return checkMemoryImage(built, { policy: { rules: { ...allRulesOffBut('secret-file'), 'secret-file': { options } } } });
}

function compress(tool: 'bzip2' | 'xz', data: Buffer | string, args: string[] = []): Buffer {
  const run = spawnSync(tool, ['-c', ...args], { input: data, maxBuffer: 256 << 20 });
  if (run.status !== 0) throw new Error(`${tool} failed: ${run.stderr.toString()}`);
  return run.stdout;
}

const places = (report: ImageReport): string[] =>
  report.findings.map((f) => `${f.location.path}${f.location.member ? `!/${f.location.member}` : ''}:${f.location.line ?? ''}`).sort();
const warnings = (report: ImageReport): string[] => report.findings.filter((f) => f.messageId === 'ARCHIVE_NOT_FULLY_SCANNED').map((f) => f.message);

describe('secret-file: bzip2 and xz', () => {
  it('finds credentials in .bz2, .xz, .tar.bz2, .tbz2, .tar.xz and .txz, naming the member', async () => {
    const backup = await tarBuffer([{ name: 'etc/app/app.conf', content: Buffer.from(`# app\ntoken = ${fake.github()}\n`) }]);
    const env = `X=1\nNPM_TOKEN=${fake.npm()}\n`;
    const report = await check([
      { path: '/backup/app.env.bz2', content: compress('bzip2', env) },
      { path: '/backup/app.env.xz', content: compress('xz', env) },
      { path: '/backup/config.tar.bz2', content: compress('bzip2', backup) },
      { path: '/backup/config.tbz2', content: compress('bzip2', backup, ['-1']) },
      { path: '/backup/config.tar.xz', content: compress('xz', backup) },
      { path: '/backup/config.txz', content: compress('xz', backup, ['--check=crc32']) },
    ]);
    expect(places(report)).toEqual([
      '/backup/app.env.bz2!/app.env:2',
      '/backup/app.env.xz!/app.env:2',
      '/backup/config.tar.bz2!/etc/app/app.conf:2',
      '/backup/config.tar.xz!/etc/app/app.conf:2',
      '/backup/config.tbz2!/etc/app/app.conf:2',
      '/backup/config.txz!/etc/app/app.conf:2',
    ]);
    // XZ Embedded checks CRC32 and CRC64 (xz's default); a SHA-256 check is named, not passed.
    const sha = await check([{ path: '/backup/config.tar.xz', content: compress('xz', backup, ['--check=sha256']) }]);
    expect(warnings(sha)).toEqual([
      expect.stringContaining(
        '/backup/config.tar.xz could not be read: the xz stream uses options the decoder does not support (it reads CRC32 and CRC64 checks, not SHA-256)',
      ),
    ]);
  });

  it('reads a bzip2 file of several blocks and concatenated streams (pbzip2), line numbers intact', async () => {
    // Over 100 000 bytes per block at -1: three blocks, then a second stream holding the secret.
    const filler = Array.from({ length: 9000 }, (_, i) => `line ${i} of a log that compresses well enough ${i * 7919}\n`).join('');
    const content = Buffer.concat([compress('bzip2', filler, ['-1']), compress('bzip2', `token=${fake.github()}\n`)]);
    const report = await check([{ path: '/var/backups/app.log.bz2', content }]);
    expect(places(report)).toEqual(['/var/backups/app.log.bz2!/app.log:9001']);
  });

  it('stops .bz2 and .xz bombs at maxRatio, or else at maxArchiveBytes', async () => {
    const zeros = Buffer.alloc(64 << 20, 0x41);
    const bz = compress('bzip2', zeros, ['-9']);
    const xz = compress('xz', zeros, ['-0']);
    expect(bz.length + xz.length).toBeLessThan(1 << 20);
    const report = await check(
      [
        { path: '/b/notes.txt.bz2', content: bz },
        { path: '/b/notes.txt.xz', content: xz },
      ],
      { archiveLimits: { maxArchiveBytes: 16 << 20 } },
    );
    expect(warnings(report)).toEqual([
      expect.stringContaining('/b/notes.txt.bz2 expands beyond the maxRatio bound (200×'),
      expect.stringContaining('/b/notes.txt.xz expands beyond the maxRatio bound (200×'),
    ]);
    const loose = await check(
      [
        { path: '/b/notes.txt.bz2', content: bz },
        { path: '/b/notes.txt.xz', content: xz },
      ],
      { archiveLimits: { maxArchiveBytes: 16 << 20, maxRatio: 100_000_000 } },
    );
    expect(warnings(loose)).toEqual([
      expect.stringContaining('/b/notes.txt.bz2 stopped reading at the maxArchiveBytes bound (16777216)'),
      expect.stringContaining('/b/notes.txt.xz stopped reading at the maxArchiveBytes bound (16777216)'),
    ]);
  });

  it('warns about truncated and corrupt streams, and an xz inside an xz, and still reads the next file', async () => {
    const text = Array.from({ length: 20000 }, (_, i) => `${i} ${(i * 2654435761) % 1000003}\n`).join('');
    const bz = compress('bzip2', text);
    const xz = compress('xz', text);
    const corrupt = Buffer.from(xz);
    corrupt[Math.floor(corrupt.length / 2)]! ^= 0xff;
    const inner = compress('xz', `NPM_TOKEN=${fake.npm()}\n`);
    const nested = compress('xz', await tarBuffer([{ name: 'inner.env.xz', content: inner }]));
    const report = await check([
      { path: '/a/cut.log.bz2', content: bz.subarray(0, bz.length >> 1) },
      { path: '/a/cut.log.xz', content: xz.subarray(0, xz.length >> 1) },
      { path: '/a/corrupt.log.xz', content: corrupt },
      { path: '/a/nested.tar.xz', content: nested },
      { path: '/a/z.env.xz', content: inner },
    ]);
    expect(places(report)).toEqual([
      '/a/corrupt.log.xz:',
      '/a/cut.log.bz2:',
      '/a/cut.log.xz:',
      '/a/nested.tar.xz!/inner.env.xz:',
      '/a/z.env.xz!/z.env:1',
    ]);
    expect(warnings(report)).toEqual([
      expect.stringMatching(/\/a\/corrupt\.log\.xz could not be read: the xz stream is corrupt/),
      expect.stringMatching(/\/a\/cut\.log\.bz2 could not be read: the bzip2 stream is truncated/),
      expect.stringMatching(/\/a\/cut\.log\.xz could not be read: the xz stream is truncated/),
      expect.stringContaining('/a/nested.tar.xz!/inner.env.xz is an xz stream inside an xz stream; not opened'),
    ]);
  });

  it('a layer that breaks in the middle of an .xz frees the decoder: the next image with an .xz is read, not left waiting', async () => {
    // Random bytes do not compress, so the .xz spans many chunks and the layer can end inside it.
    const noise = Buffer.from(Array.from({ length: 2 << 20 }, (_, i) => (i * 2654435761) >>> 24));
    const layer = await layerTar([{ path: '/backup/noise.xz', content: compress('xz', noise) }]);
    const broken = await checkMemoryImage(await classicSaveArchive([layer.subarray(0, layer.length - (layer.length >> 3))]), {
      policy: { rules: { ...allRulesOffBut('secret-file') } },
    });
    expect(broken.error).toBeDefined();
    const token = fake.github();
    const next = await check([{ path: '/backup/app.env.xz', content: compress('xz', `TOKEN=${token}\n`) }]);
    expect(next.error).toBeUndefined();
    expect(places(next)).toEqual(['/backup/app.env.xz!/app.env:1']);
  }, 60_000);
});
