// The stage that takes cached layers out of an export before the tar parser: what it hashes must be
// exactly the layer's bytes, what it passes on must parse to the same entries, and anything it does
// not plainly understand (a PAX header before the entry) must reach the parser untouched.
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { PassThrough, Writable } from 'node:stream';
import type { Socket } from 'node:net';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { CachedLayerSplitter } from '../../../src/layers/cached-split.js';
import { chunked, tarBuffer } from '../support/image-builder.js';
import { ExportBody } from '../../../src/sources/raw-export.js';

const sha = (data: Buffer): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** Runs an archive through the splitter (deciding with `hit`) and the tar parser; what each saw. */
async function split(archive: Buffer | ExportBody, hit: (key: string) => boolean, chunkSize: number) {
  const asked: string[] = [];
  const splitter = new CachedLayerSplitter(
    async (key) => {
      asked.push(key);
      await new Promise((resolve) => setTimeout(resolve, 1)); // a lookup takes a while: the stream must wait
      return hit(key);
    },
    (key) => key.endsWith('layer.tar'),
  );
  const parsed: { name: string; size: number; content: Buffer }[] = [];
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const parts: Buffer[] = [];
    stream.on('error', () => undefined); // a truncated archive: the pipeline reports it
    stream.on('data', (chunk) => {
      parts.push(chunk as Buffer);
    });
    stream.on('end', () => {
      parsed.push({ name: header.name, size: header.size ?? 0, content: Buffer.concat(parts) });
      next();
    });
  });
  if (archive instanceof ExportBody) archive.absorber = splitter; // as readSaveArchive does
  await pipeline(archive instanceof ExportBody ? archive : chunked(archive, chunkSize), splitter, extract as unknown as Writable);
  return { asked, parsed, hashed: splitter.hashed, documents: splitter.documents };
}

describe('cached-split', () => {
  const base = Buffer.alloc(70_000, 3);
  const top = Buffer.from('top layer bytes');
  const json = Buffer.from('{"id":"a"}');
  const entries = [
    { name: 'aaa/json', content: json },
    { name: 'aaa/layer.tar', content: base },
    { name: 'bbb/layer.tar', content: top },
    { name: 'manifest.json', content: Buffer.from('[]') },
  ];

  /** aaa/layer.tar (the hit) hashed whole and handed on empty; everything else parsed as it was. */
  const expectBaseHashedTopParsed = (hashed: Awaited<ReturnType<typeof split>>['hashed'], parsed: Awaited<ReturnType<typeof split>>['parsed']) => {
    expect(hashed.get('aaa/layer.tar')).toEqual({ digest: sha(base), bytes: base.length, head: base.subarray(0, 4) });
    expect(parsed.map(({ name, size }) => [name, size])).toEqual([
      ['aaa/json', json.length],
      ['aaa/layer.tar', 0],
      ['bbb/layer.tar', top.length],
      ['manifest.json', 2],
    ]);
    expect(parsed[2]!.content).toEqual(top);
  };

  it.each([1, 511, 512, 4096, 100_000])('hashes a hit whole and passes everything else on (chunks of %i bytes)', async (size) => {
    const { asked, parsed, hashed, documents } = await split(await tarBuffer(entries), (key) => key === 'aaa/layer.tar', size);
    expect(asked).toEqual(['aaa/layer.tar', 'bbb/layer.tar']);
    expectBaseHashedTopParsed(hashed, parsed);
    expect(documents.get('aaa/json')).toEqual(json);
  });

  it('reads a long name from the ustar prefix field as the parser does', async () => {
    const long = `${'d'.repeat(120)}/layer.tar`; // split over the prefix and name fields
    const { asked, hashed } = await split(await tarBuffer([{ name: long, content: base }]), () => true, 4096);
    expect(asked).toEqual([long]);
    expect(hashed.get(long)?.digest).toBe(sha(base));
  });

  it('leaves an entry behind a PAX header to the parser, never asking about it', async () => {
    const long = `${'d'.repeat(160)}layer.tar`; // no ustar split possible: tar-stream writes a PAX header
    const { asked, parsed, hashed } = await split(await tarBuffer([{ name: long, content: base }, ...entries.slice(1)]), () => true, 4096);
    expect(asked).toEqual(['aaa/layer.tar', 'bbb/layer.tar']);
    expect(hashed.has(long)).toBe(false);
    expect(parsed[0]).toMatchObject({ name: long, size: base.length });
    expect(sha(parsed[0]!.content)).toBe(sha(base));
  });

  it('takes a hit straight from an export body that offers its bytes first, with the same result', async () => {
    const archive = await tarBuffer(entries);
    const body = new ExportBody(new PassThrough() as unknown as Socket, true);
    let absorbed = 0;
    body.on('absorbed', (bytes: number) => (absorbed += bytes));
    const feeding = (async () => {
      const reused = Buffer.alloc(3000);
      for (let at = 0; at < archive.length; at += reused.length) {
        const n = archive.copy(reused, 0, at, at + reused.length);
        body.deliver(reused.subarray(0, n)); // borrowed: the next piece overwrites it
        reused.fill(0xee);
        // The next piece once the splitter is idle (as a paused socket would): the lookup at the
        // layer's header takes a while, and pieces that arrive meanwhile queue and take the stream path.
        do await new Promise((resolve) => setImmediate(resolve));
        while (body.readableLength > 0 || (body.absorber as Writable | undefined)?.writableLength);
      }
      body.push(null);
    })();
    const { parsed, hashed } = await split(body, (key) => key === 'aaa/layer.tar', 0);
    await feeding;
    expect(absorbed).toBeGreaterThan(base.length / 2);
    expectBaseHashedTopParsed(hashed, parsed);
  });

  it('hands a truncated archive to the parser, which refuses it', async () => {
    const archive = await tarBuffer(entries);
    await expect(split(archive.subarray(0, 2000), () => true, 700)).rejects.toThrow();
  });
});
