// API version negotiation against real engines: imagegate asks GET /version once, then sends every
// request under the version both sides speak — Engine 20.10 (the test engine): 1.41; Engine 26.1
// (when IMAGEGATE_ENGINE26_OVERLAY2_HOST names one, see scripts/trixie-engines.sh): 1.45. Podman's
// compat API is covered in podman-source.test.ts.
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/report.js';
import { MAX_API_VERSION } from '../../src/sources/api-version.js';
import { buildImage, docker, dockerHost, removeImage, runCli } from './support/images.js';
import { startSocketRecorder } from './support/socket-recorder.js';

const tag = `imagegate-test/api-version:${process.pid}`;
const engine26 = process.env.IMAGEGATE_ENGINE26_OVERLAY2_HOST;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'imagegate-api-version-'));
  await buildImage(tag, { busybox: true, dockerfile: ['FROM scratch', 'COPY busybox /bin/busybox', 'USER 10001'].join('\n') });
  if (engine26) {
    await docker(['save', '-o', join(work, 'image.tar'), tag]);
    await docker(['load', '-i', join(work, 'image.tar')], { env: { DOCKER_HOST: engine26 } });
  }
}, 300_000);

afterAll(async () => {
  await removeImage(tag);
  if (engine26) await docker(['image', 'rm', '--force', tag], { env: { DOCKER_HOST: engine26 } }).catch(() => undefined);
  if (work) await rm(work, { recursive: true, force: true });
});

/** The engine's newest API version (GET /version, unversioned). */
function engineApiVersion(host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request({ socketPath: host.replace(/^unix:\/\//, ''), path: '/version' }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve((JSON.parse(body) as { ApiVersion: string }).ApiVersion));
    })
      .on('error', reject)
      .end();
  });
}

const engines = [{ name: 'the test engine', host: dockerHost() }, ...(engine26 ? [{ name: 'Engine 26.1 (overlay2)', host: engine26 }] : [])];

describe.each(engines)('Engine API version negotiation with $name', ({ host }) => {
  it('checks an image with every request under the negotiated version', async () => {
    const recorder = await startSocketRecorder(work, host);
    try {
      const result = await runCli(['check', '--format', 'json', tag], { DOCKER_HOST: recorder.host });
      const report = JSON.parse(result.stdout) as Report;
      expect(report.images[0]!.error).toBeUndefined();
      expect([0, 1]).toContain(result.code); // other rules may report; what matters is the paths
      const api = await engineApiVersion(host);
      const expected = Number(api.split('.')[1]) > Number(MAX_API_VERSION.split('.')[1]) ? MAX_API_VERSION : api;
      expect(recorder.requests[0]).toBe('GET /version HTTP/1.1');
      const rest = recorder.requests.slice(1);
      expect(rest.length).toBeGreaterThanOrEqual(2); // inspect, export
      for (const line of rest) expect(line.startsWith(`GET /v${expected}/images/`), line).toBe(true);
    } finally {
      await recorder.close();
    }
  });
});
