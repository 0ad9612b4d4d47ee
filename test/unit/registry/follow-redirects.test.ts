// Redirect rules of the registry client that need hosts a loopback test cannot have (https origins):
// credentials stay on the registry's origin, no HTTPS→HTTP downgrade, bounded hops, no signed URL in
// messages. test/e2e/registry-redirect.test.ts runs the same rules against a real registry.
import { describe, expect, it } from 'vitest';
import { MAX_REDIRECTS, RedirectRefusedError } from '../../../src/registry/follow-redirects.js';
import { RegistryClient } from '../../../src/registry/registry-client.js';

interface Call {
  url: string;
  authorization?: string;
}

/** A fetch that answers by URL; records what each host was sent. */
function fakeFetch(answer: (url: URL, authorization?: string) => Response): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fn = (async (input: string | URL, init: RequestInit = {}) => {
    const headers = (init.headers ?? {}) as Record<string, string>;
    calls.push({ url: String(input), ...(headers.authorization ? { authorization: headers.authorization } : {}) });
    expect(init.redirect).toBe('manual');
    return answer(new URL(String(input)), headers.authorization);
  }) as typeof fetch;
  return { fetch: fn, calls };
}

const redirect = (status: number, location: string): Response => new Response(null, { status, headers: { location } });
const SIGNED = '?X-Amz-Credential=AKIDEXAMPLE&X-Amz-Signature=abcdef';

function loggedInClient(fetchFn: typeof fetch): RegistryClient {
  return new RegistryClient('registry.example', {
    fetch: fetchFn,
    credentials: async () => ({ username: 'ci', password: 'pw' }),
    retries: 0,
    backoffMs: 1,
  });
}

/** The registry asks for basic auth first (so the client holds a credential), then answers with `then`; other hosts serve the blob. */
function registryAnswering(then: () => Response): (url: URL, authorization?: string) => Response {
  return (url, authorization) => {
    if (url.host !== 'registry.example') return new Response('blob-bytes', { status: 200 });
    return authorization ? then() : new Response(null, { status: 401, headers: { 'www-authenticate': 'Basic realm="r"' } });
  };
}

describe('blob redirects', () => {
  it.each([301, 302, 303, 307, 308])('follows %i to the storage host without the registry credentials', async (status) => {
    const { fetch, calls } = fakeFetch(registryAnswering(() => redirect(status, `https://storage.example/layer${SIGNED}`)));
    const body = await loggedInClient(fetch).blob('team/app', `sha256:${'a'.repeat(64)}`);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('blob-bytes');
    const toStorage = calls.filter((c) => c.url.startsWith('https://storage.example/'));
    expect(toStorage).toHaveLength(1);
    expect(toStorage[0]!.authorization).toBeUndefined();
    expect(calls.filter((c) => c.url.startsWith('https://registry.example/')).at(-1)?.authorization).toMatch(/^Basic /);
  });

  it('does not send a bearer token to the storage host either', async () => {
    const { fetch, calls } = fakeFetch((url, authorization) => {
      if (url.host === 'auth.example') return Response.json({ token: 'tok-123' });
      if (url.host !== 'registry.example') return new Response('blob-bytes');
      if (authorization !== 'Bearer tok-123')
        return new Response(null, {
          status: 401,
          headers: { 'www-authenticate': 'Bearer realm="https://auth.example/token",service="registry.example"' },
        });
      return redirect(307, `https://storage.example/layer${SIGNED}`);
    });
    await loggedInClient(fetch).blob('team/app', `sha256:${'a'.repeat(64)}`);
    expect(calls.filter((c) => c.url.startsWith('https://registry.example/')).at(-1)?.authorization).toBe('Bearer tok-123');
    expect(calls.filter((c) => c.url.startsWith('https://storage.example/'))).toEqual([{ url: `https://storage.example/layer${SIGNED}` }]);
  });

  it('refuses an HTTPS to HTTP downgrade, naming the host but not the signed query', async () => {
    const { fetch, calls } = fakeFetch(() => redirect(307, `http://storage.example/layer${SIGNED}`));
    const error = await loggedInClient(fetch)
      .blob('team/app', `sha256:${'a'.repeat(64)}`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectRefusedError);
    expect((error as Error).message).toMatch(/from HTTPS to plain HTTP \(http:\/\/storage\.example\); refusing the downgrade/);
    expect((error as Error).message).not.toContain('Signature');
    expect(calls.some((c) => c.url.startsWith('http://'))).toBe(false);
  });

  it(`stops after ${MAX_REDIRECTS} hops`, async () => {
    let n = 0;
    const { fetch, calls } = fakeFetch(() => redirect(302, `https://cdn${++n}.example/x`));
    await expect(loggedInClient(fetch).blob('team/app', `sha256:${'a'.repeat(64)}`)).rejects.toThrow(/more than 5 times .*redirect loop/);
    expect(calls).toHaveLength(MAX_REDIRECTS + 1);
  });

  it("reports the storage host's refusal without asking the registry for a login", async () => {
    const { fetch } = fakeFetch((url) =>
      url.host === 'registry.example' ? redirect(307, `https://storage.example/layer${SIGNED}`) : new Response('expired', { status: 403 }),
    );
    const error = (await loggedInClient(fetch)
      .blob('team/app', `sha256:${'a'.repeat(64)}`)
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/sent team\/app@sha256:a+ to https:\/\/storage\.example, which answered 403/);
    expect(error.message).not.toContain('X-Amz');
  });

  it('keeps the credentials when the redirect stays on the registry origin', async () => {
    const { fetch, calls } = fakeFetch((url, authorization) =>
      url.pathname.startsWith('/v2/') ? registryAnswering(() => redirect(307, '/storage/blob'))(url, authorization) : new Response('ok'),
    );
    await loggedInClient(fetch).blob('team/app', `sha256:${'a'.repeat(64)}`);
    expect(calls.at(-1)).toEqual({ url: 'https://registry.example/storage/blob', authorization: `Basic ${Buffer.from('ci:pw').toString('base64')}` });
  });
});
