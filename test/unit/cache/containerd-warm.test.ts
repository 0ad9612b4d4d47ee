// The containerd image store names an image by its manifest (or index) digest, not its config's, so
// a warm check cannot find the config under the engine's ID. The cache keeps the export's documents
// under that ID instead: the next check of the same image skips the export, reports byte for byte
// what the first one did, and anything wrong with the kept documents means "export as usual".
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImages } from '../../../src/index.js';
import { fake } from '../secrets/fixtures.js';
import { containerdSaveArchive, layerTar, type ContainerdExport } from '../support/image-builder.js';
import { tempDir } from '../support/temp-dir.js';

const REF = 'imagegate-test/containerd-warm:1';

/** An Engine 26 with the containerd store, reduced to what a check asks: version, inspect, export. */
async function fakeEngine(built: ContainerdExport, dir: string): Promise<{ server: Server; socketPath: string; exports: string[] }> {
  const exports: string[] = [];
  const socketPath = join(dir, 'engine.sock');
  const server = createServer((request, response) => {
    const url = request.url ?? '';
    const json = (body: unknown) => void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (/\/version$/.test(url)) return json({ ApiVersion: '1.45', MinAPIVersion: '1.24', Version: '26.1.5' });
    if (url.endsWith('/json'))
      return json({
        Id: built.engineId,
        RepoTags: [REF],
        RepoDigests: [`imagegate-test/containerd-warm@${built.engineId}`],
        RootFS: { Layers: built.diffIds },
      });
    if (url.includes('/get')) {
      exports.push(url);
      return void response.writeHead(200, { 'content-type': 'application/x-tar' }).end(built.archive);
    }
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not here"}');
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return { server, socketPath, exports };
}

describe.each([
  ['its manifest (legacy builder)', {}],
  ['a BuildKit index (image and attestation)', { buildkit: true }],
])('a warm check on the containerd image store, the engine naming %s', (_name, options) => {
  let dir: string;
  let engine: Awaited<ReturnType<typeof fakeEngine>>;
  const previousHost = process.env.DOCKER_HOST;

  beforeAll(async () => {
    dir = await tempDir();
    const layers = [
      await layerTar([{ path: 'etc/passwd', content: 'root:x:0:0:root:/root:/bin/sh\n' }]),
      await layerTar([{ path: 'app/.env', content: `NPM_TOKEN=${fake.npm()}\n` }]),
    ];
    engine = await fakeEngine(await containerdSaveArchive(layers, {}, options), dir);
    process.env.DOCKER_HOST = `unix://${engine.socketPath}`;
  });
  afterAll(async () => {
    if (previousHost === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = previousHost;
    await new Promise((resolve) => engine.server.close(resolve));
  });

  const check = async (cacheDir: string) => JSON.stringify((await checkImages([REF], { platform: 'linux/amd64', scanThreads: 0, cacheDir })).images);

  it('skips the export once the cache holds the documents and every layer, with the same report', async () => {
    const cacheDir = await tempDir();
    const cold = await check(cacheDir);
    const [image] = JSON.parse(cold) as { error?: unknown; findings: unknown[] }[];
    expect(image!.error).toBeUndefined();
    expect(image!.findings.length).toBeGreaterThan(0);
    expect(engine.exports).toHaveLength(1);
    const warm = await check(cacheDir);
    expect(engine.exports).toHaveLength(1); // no second export
    expect(warm).toBe(cold);
  });

  it('exports as usual when the kept documents were altered, or for another platform', async () => {
    const cacheDir = await tempDir();
    const cold = await check(cacheDir);
    const before = engine.exports.length;
    const configs = join(cacheDir, 'configs');
    const documents = (await readdir(configs)).filter((name) => name.endsWith('.documents.json'));
    expect(documents).toHaveLength(1);
    const file = join(configs, documents[0]!);
    const kept = JSON.parse(await readFile(file, 'utf8')) as { documents: Record<string, string> };
    // one byte of every kept document changed: the chain from the engine's ID no longer verifies
    for (const path of Object.keys(kept.documents)) {
      const raw = Buffer.from(kept.documents[path]!, 'base64');
      raw[raw.length - 2] = raw[raw.length - 2]! ^ 1;
      kept.documents[path] = raw.toString('base64');
    }
    await writeFile(file, JSON.stringify(kept));
    expect(await check(cacheDir)).toBe(cold);
    expect(engine.exports.length).toBe(before + 1);
    // another platform is another entry: nothing kept for it, so the export is requested
    await checkImages([REF], { platform: 'linux/arm64', scanThreads: 0, cacheDir });
    expect(engine.exports.length).toBe(before + 2);
  });
});
