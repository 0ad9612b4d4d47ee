// Progress on stderr: redrawn in place under a pseudo-terminal (util-linux `script`), and not a
// single carriage return or escape code when stderr is a file. The image is an OCI layout with
// one 300 MB layer written here, so the check lasts long enough to draw.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PATH } from './support/images.js';

const run = promisify(execFile);
let work: string;
let reference: string;

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'imagegate-progress-'));
  const root = join(work, 'root');
  await mkdir(join(root, 'data'), { recursive: true });
  await run('dd', ['if=/dev/zero', `of=${join(root, 'data', 'zeros.bin')}`, 'bs=1M', 'count=300', 'status=none']);
  const layout = join(work, 'layout');
  await mkdir(join(layout, 'blobs', 'sha256'), { recursive: true });
  const layerPath = join(work, 'layer.tar');
  await run('tar', ['-C', root, '-cf', layerPath, 'data']);
  const layerDigest = await sha256File(layerPath);
  await rename(layerPath, join(layout, 'blobs', 'sha256', layerDigest.slice(7)));
  const blob = async (data: string): Promise<{ digest: string; size: number }> => {
    const digest = `sha256:${createHash('sha256').update(data).digest('hex')}`;
    await writeFile(join(layout, 'blobs', 'sha256', digest.slice(7)), data);
    return { digest, size: Buffer.byteLength(data) };
  };
  const config = await blob(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { User: '10001' },
      rootfs: { type: 'layers', diff_ids: [layerDigest] },
      history: [{ created_by: 'COPY data /data' }],
    }),
  );
  const layerSize = (await stat(join(layout, 'blobs', 'sha256', layerDigest.slice(7)))).size;
  const manifest = await blob(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layerDigest, size: layerSize }],
    }),
  );
  await writeFile(
    join(layout, 'index.json'),
    JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest }] }),
  );
  await writeFile(join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  await rm(root, { recursive: true });
  reference = `oci:${layout}`;
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('progress', () => {
  it('is redrawn in place on a terminal', async () => {
    const command = [process.execPath, CLI_PATH, 'check', '--scan-threads', '0', reference].map((arg) => `'${arg}'`).join(' ');
    const log = join(work, 'pty.log');
    // script gives the CLI a pseudo-terminal; its output (stdout and stderr) lands in the log.
    await run('script', ['-qfec', command, log], { env: { ...process.env, NO_COLOR: '1' } }).catch(() => undefined);
    const out = await readFile(log, 'utf8');
    expect(out).toContain('\r\u001b[K');
    expect(out).toMatch(/oci:.*: 1 layer, \d+ MB read, \d+ MB\/s/);
  });

  it('writes no carriage return or escape code when stderr is not a terminal', async () => {
    const result = await run(process.execPath, [CLI_PATH, 'check', '--scan-threads', '0', reference], {
      env: { ...process.env, NO_COLOR: '1' },
    }).catch((error: { stdout: string; stderr: string }) => error);
    expect(result.stderr).not.toMatch(/[\r\u001b]/);
    expect(result.stdout).not.toMatch(/[\r\u001b]/);
  });
});
