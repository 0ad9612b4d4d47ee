// Version negotiation with the engine: the choice itself, and a client against a fake engine on a
// unix socket (an HTTP server) that records which paths each request used.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseApiVersion, EngineTooOldError, MAX_API_VERSION } from '../../../src/sources/api-version.js';
import { createEngineClient } from '../../../src/sources/engine-client.js';

describe('chooseApiVersion', () => {
  it.each([
    ['Engine 20.10', { ApiVersion: '1.41', MinAPIVersion: '1.12' }, '1.41'],
    ['Podman 4 (compat API)', { ApiVersion: '1.41', MinAPIVersion: '1.24' }, '1.41'],
    ['Engine 26.1', { ApiVersion: '1.45', MinAPIVersion: '1.24' }, '1.45'],
    ['Engine 28', { ApiVersion: '1.50', MinAPIVersion: '1.24' }, MAX_API_VERSION],
    ['Engine 29 (floor 1.44)', { ApiVersion: '1.52', MinAPIVersion: '1.44' }, MAX_API_VERSION],
    ['a future engine whose floor is above ours', { ApiVersion: '1.60', MinAPIVersion: '1.50' }, '1.50'],
    ['an engine that does not say', {}, undefined],
  ])('%s', (_name, engine, expected) => {
    expect(chooseApiVersion(engine, 'engine at unix:///x.sock')).toBe(expected);
  });

  it('refuses an engine older than API 1.24 in one line naming it', () => {
    expect(() => chooseApiVersion({ Version: '1.11.2', ApiVersion: '1.23' }, 'engine at unix:///x.sock')).toThrow(
      new EngineTooOldError(
        'the engine at unix:///x.sock (version 1.11.2, API 1.23) is too old: imagegate needs API 1.24 or newer (Docker Engine 1.12+, Podman 2+) to inspect and export images — upgrade the engine',
      ),
    );
  });
});

describe('an engine client negotiating with a fake engine', () => {
  let dir: string | undefined;
  let server: Server | undefined;

  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Answers /version with `version` (or `versionStatus`), everything else with an empty list; records paths. */
  async function fakeEngine(version: object, versionStatus = 200): Promise<{ socketPath: string; paths: string[] }> {
    dir = mkdtempSync(join(tmpdir(), 'imagegate-api-version-'));
    const paths: string[] = [];
    server = createServer((request, response) => {
      paths.push(request.url ?? '');
      if (request.url === '/version')
        return void response.writeHead(versionStatus, { 'content-type': 'application/json' }).end(JSON.stringify(version));
      if (request.url?.endsWith('/get')) return void response.writeHead(200, { 'content-type': 'application/x-tar' }).end('tar');
      response.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
    const socketPath = join(dir, 'engine.sock');
    await new Promise<void>((resolve) => server!.listen(socketPath, resolve));
    return { socketPath, paths };
  }

  it('asks /version once, then sends every request (raw exports too) under the chosen version', async () => {
    const engine = await fakeEngine({ Version: '20.10.24', ApiVersion: '1.41', MinAPIVersion: '1.12' });
    const client = createEngineClient({ socketPath: engine.socketPath });
    await Promise.all([client.listImages(), client.listImages({ all: true })]);
    const body = await client.exportImage('sha256:abc');
    for await (const _ of body) void _;
    expect(await client.apiVersion?.()).toBe('1.41');
    expect(engine.paths).toEqual(['/version', '/v1.41/images/json', '/v1.41/images/json?all=true', '/v1.41/images/sha256:abc/get']);
  });

  it('speaks unversioned, as before, when /version is hidden (a socket proxy answering 403)', async () => {
    const engine = await fakeEngine({ message: 'forbidden' }, 403);
    const client = createEngineClient({ socketPath: engine.socketPath });
    await client.listImages();
    expect(engine.paths).toEqual(['/version', '/images/json']);
  });

  it('fails the request with one clear line when the engine is too old', async () => {
    const engine = await fakeEngine({ Version: '1.11.2', ApiVersion: '1.23', MinAPIVersion: '1.12' });
    const client = createEngineClient({ socketPath: engine.socketPath });
    await expect(client.listImages()).rejects.toThrow(
      /^the engine at unix:\/\/\S+engine\.sock \(version 1\.11\.2, API 1\.23\) is too old: imagegate needs API 1\.24 or newer/,
    );
    expect(engine.paths).toEqual(['/version']);
  });
});
