// Protocol details of the registry client that a stock registry on loopback cannot show: the
// bearer-token flow, retries on 429/5xx with Retry-After, and the wording of refusals. The e2e
// suite runs the same client against a real registry.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseChallenge } from '../../../src/registry/challenge.js';
import { RegistryClient, retryAfterMs } from '../../../src/registry/registry-client.js';

type Handler = (url: URL, init: RequestInit) => Response;

function fakeFetch(handler: Handler): { fetch: typeof fetch; calls: string[] } {
  const calls: string[] = [];
  const fn = (async (input: string | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    calls.push(
      `${init.method ?? 'GET'} ${url.host}${url.pathname}${url.search} ${(init.headers as Record<string, string> | undefined)?.authorization ?? ''}`.trim(),
    );
    return handler(url, init);
  }) as typeof fetch;
  return { fetch: fn, calls };
}

const manifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: {}, layers: [] });

describe('parseChallenge', () => {
  it('reads bearer and basic challenges', () => {
    expect(parseChallenge('Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull"')).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://auth.example.com/token', service: 'registry.example.com', scope: 'repository:a/b:pull' },
    });
    expect(parseChallenge('Basic realm="Registry Realm"')).toEqual({ scheme: 'basic', params: { realm: 'Registry Realm' } });
    expect(parseChallenge(null)).toBeUndefined();
  });
});

describe('retryAfterMs', () => {
  it('takes seconds or an HTTP date, capped at a minute', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(Date.UTC(2026, 0, 1, 0, 0, 10)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(10_000);
    expect(retryAfterMs('3600')).toBe(60_000);
    expect(retryAfterMs(null)).toBeUndefined();
  });
});

describe('RegistryClient and a token endpoint on loopback', () => {
  it('answers the bearer challenge over real HTTP, sending the stored credentials to the realm only', async () => {
    const seen: string[] = [];
    const server = createServer((request, response) => {
      const auth = request.headers.authorization ?? '';
      seen.push(`${request.method} ${request.url} ${auth.split(' ')[0] ?? ''}`.trim());
      if (request.url?.startsWith('/token')) {
        const url = new URL(request.url, 'http://x');
        if (auth !== `Basic ${Buffer.from('ci:pw').toString('base64')}` || url.searchParams.get('scope') !== 'repository:team/app:pull') {
          response.writeHead(401).end();
          return;
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: 'tok-from-realm' }));
        return;
      }
      if (auth !== 'Bearer tok-from-realm') {
        const { port } = server.address() as AddressInfo;
        response
          .writeHead(401, {
            'www-authenticate': `Bearer realm="http://127.0.0.1:${port}/token",service="test-registry",scope="repository:team/app:pull"`,
          })
          .end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }).end(manifest);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = new RegistryClient(`127.0.0.1:${port}`, { credentials: async () => ({ username: 'ci', password: 'pw' }), backoffMs: 1 });
      const fetched = await client.manifest('team/app', '1');
      expect(fetched.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
      expect(seen).toEqual([
        'GET /v2/team/app/manifests/1',
        'GET /token?service=test-registry&scope=repository%3Ateam%2Fapp%3Apull Basic',
        'GET /v2/team/app/manifests/1 Bearer',
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('RegistryClient', () => {
  it('follows the bearer challenge with the stored credentials and reuses the token', async () => {
    const { fetch, calls } = fakeFetch((url, init) => {
      const auth = (init.headers as Record<string, string>).authorization;
      if (url.host === 'auth.example.com') {
        expect(auth).toBe(`Basic ${Buffer.from('ci:pw').toString('base64')}`);
        return Response.json({ token: 'tok123' });
      }
      if (auth !== 'Bearer tok123') {
        return new Response('', {
          status: 401,
          headers: {
            'www-authenticate': 'Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:team/app:pull"',
          },
        });
      }
      return new Response(manifest, { headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' } });
    });
    const client = new RegistryClient('registry.example.com', { fetch, credentials: async () => ({ username: 'ci', password: 'pw' }), backoffMs: 1 });
    const first = await client.manifest('team/app', '1');
    await client.manifest('team/app', '2');
    expect(first.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(calls).toEqual([
      'GET registry.example.com/v2/team/app/manifests/1',
      `GET auth.example.com/token?service=registry.example.com&scope=repository%3Ateam%2Fapp%3Apull Basic ${Buffer.from('ci:pw').toString('base64')}`,
      'GET registry.example.com/v2/team/app/manifests/1 Bearer tok123',
      'GET registry.example.com/v2/team/app/manifests/2 Bearer tok123',
    ]);
  });

  it('retries 429 and 5xx, honouring Retry-After, then succeeds', async () => {
    let n = 0;
    const { fetch, calls } = fakeFetch(() => {
      n++;
      if (n === 1) return new Response('', { status: 429, headers: { 'retry-after': '0' } });
      if (n === 2) return new Response('', { status: 503 });
      return new Response(manifest);
    });
    const client = new RegistryClient('127.0.0.1:5000', { fetch, backoffMs: 1 });
    await client.manifest('team/app', '1');
    expect(calls).toHaveLength(3);
    expect(calls[0]).toMatch(/^GET 127\.0\.0\.1:5000\//);
  });

  it('gives up after its retries and says so', async () => {
    const { fetch } = fakeFetch(() => new Response('', { status: 502 }));
    const client = new RegistryClient('registry.example.com', { fetch, retries: 2, backoffMs: 1 });
    await expect(client.manifest('team/app', '1')).rejects.toThrow('registry registry.example.com answered 502 for team/app:1 after 3 attempts');
  });

  it('explains a refusal naming registry and repository', async () => {
    const { fetch } = fakeFetch(() =>
      Response.json({ errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }] }, { status: 403 }),
    );
    const client = new RegistryClient('registry.example.com', { fetch, backoffMs: 1 });
    await expect(client.manifest('team/app', '1')).rejects.toThrow(
      'registry registry.example.com refused access to team/app (403: DENIED requested access to the resource is denied); log in with docker login registry.example.com, or check that the account may pull it',
    );
  });

  it('refuses a manifest that does not match the digest asked for', async () => {
    const { fetch } = fakeFetch(() => new Response(manifest));
    const client = new RegistryClient('registry.example.com', { fetch, backoffMs: 1 });
    await expect(client.manifest('team/app', `sha256:${'0'.repeat(64)}`)).rejects.toThrow(/hashes to sha256:[a-f0-9]{64}; refusing it/);
  });
});
