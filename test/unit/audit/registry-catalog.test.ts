// The registry catalog and tag lists over real HTTP on loopback: Link pagination (the server caps
// pages at 2 whatever n asks), the bearer flow with the registry:catalog:* scope, and refusals.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listRegistryImages } from '../../../src/audit/audit-source.js';
import { CATALOG_SCOPE, RegistryClient } from '../../../src/registry/registry-client.js';

const REPOSITORIES = ['other/x', 'team', 'team/api', 'team/app', 'teamcity/web'];
const TAGS: Record<string, string[]> = { 'other/x': ['1'], team: ['base'], 'team/api': ['1.0'], 'team/app': ['1', '2', '3'], 'teamcity/web': ['9'] };
const PAGE = 2;

let server: ReturnType<typeof createServer>;
let host: string;
let seen: string[];
/** Per test: how the registry misbehaves, if at all. */
let mode: 'normal' | 'foreign-link' | 'loop' | 'no-catalog' | 'not-json' | 'tags-404';

function page(items: string[], url: URL, path: string): { items: string[]; link?: string } {
  const last = url.searchParams.get('last');
  const start = last === null ? 0 : items.indexOf(last) + 1;
  const slice = items.slice(start, start + PAGE);
  const more = start + PAGE < items.length;
  return {
    items: slice,
    ...(more ? { link: `<${path}?last=${encodeURIComponent(slice[slice.length - 1]!)}&n=${url.searchParams.get('n') ?? PAGE}>; rel="next"` } : {}),
  };
}

function handle(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', `http://${host}`);
  const auth = request.headers.authorization ?? '';
  seen.push(`${url.pathname}${url.search} ${auth.split(' ')[0] ?? ''}`.trim());
  if (url.pathname === '/token') {
    // Anonymous tokens, one per scope: the token names the scope it was issued for.
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `t:${url.searchParams.get('scope')}` }));
    return;
  }
  const catalog = url.pathname === '/v2/_catalog';
  const tags = /^\/v2\/(.+)\/tags\/list$/.exec(url.pathname);
  const scope = catalog ? CATALOG_SCOPE : `repository:${tags?.[1]}:pull`;
  if (auth !== `Bearer t:${scope}`) {
    // Like many token services, the challenge names no scope: the client must know which to ask for.
    response.writeHead(401, { 'www-authenticate': `Bearer realm="http://${host}/token",service="test-registry"` }).end();
    return;
  }
  if (catalog && mode === 'no-catalog') {
    response
      .writeHead(404, { 'content-type': 'application/json' })
      .end(JSON.stringify({ errors: [{ code: 'UNSUPPORTED', message: 'catalog disabled' }] }));
    return;
  }
  if (mode === 'not-json') {
    response.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
    return;
  }
  if (tags && mode === 'tags-404' && tags[1] === 'team/api') {
    response
      .writeHead(404, { 'content-type': 'application/json' })
      .end(JSON.stringify({ errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }] }));
    return;
  }
  const { items, link } = catalog
    ? page(REPOSITORIES, url, '/v2/_catalog')
    : tags
      ? page(TAGS[tags[1]!] ?? [], url, url.pathname)
      : { items: [] as string[] };
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (link)
    headers.link =
      mode === 'foreign-link'
        ? link.replace('</v2/', '<http://203.0.113.9/v2/')
        : mode === 'loop'
          ? `<${url.pathname}${url.search}>; rel="next"`
          : link;
  response.writeHead(200, headers).end(JSON.stringify(catalog ? { repositories: items } : { name: tags?.[1], tags: items }));
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen = [];
  mode = 'normal';
});

const client = (): RegistryClient => new RegistryClient(host, { backoffMs: 1, retries: 1 });

describe('RegistryClient.catalog and tags on a registry on loopback', () => {
  it('follows every page of the catalog, with a token for the registry:catalog:* scope, reused across pages', async () => {
    expect(await client().catalog({ pageSize: 50 })).toEqual(REPOSITORIES);
    expect(seen).toEqual([
      '/v2/_catalog?n=50',
      '/token?service=test-registry&scope=registry%3Acatalog%3A*',
      '/v2/_catalog?n=50 Bearer',
      '/v2/_catalog?last=team&n=50 Bearer',
      '/v2/_catalog?last=team%2Fapp&n=50 Bearer',
    ]);
  });

  it('follows every page of a tag list, with a pull token for that repository', async () => {
    expect(await client().tags('team/app')).toEqual(['1', '2', '3']);
    expect(seen).toEqual([
      '/v2/team/app/tags/list?n=100',
      '/token?service=test-registry&scope=repository%3Ateam%2Fapp%3Apull',
      '/v2/team/app/tags/list?n=100 Bearer',
      '/v2/team/app/tags/list?last=2&n=100 Bearer',
    ]);
  });

  it('lists the images of the repositories under a prefix, by whole path components', async () => {
    const listing = await listRegistryImages(client(), 'team');
    expect(listing).toEqual({
      repositories: 3,
      references: [`${host}/team:base`, `${host}/team/api:1.0`, `${host}/team/app:1`, `${host}/team/app:2`, `${host}/team/app:3`],
    });
    const everything = await listRegistryImages(client(), '');
    expect(everything.references).toHaveLength(7);
  });

  it('leaves out, with a note, a repository whose tag list is gone', async () => {
    mode = 'tags-404';
    const notes: string[] = [];
    const listing = await listRegistryImages(client(), 'team', { note: (message) => notes.push(message) });
    expect(listing.references).toEqual([`${host}/team:base`, `${host}/team/app:1`, `${host}/team/app:2`, `${host}/team/app:3`]);
    expect(notes).toEqual([`${host}/team/api is in the catalog but has no tag list (404); it was deleted or holds no tagged image — skipped`]);
  });

  it('does not follow a next page on another host, nor a page that points to itself', async () => {
    mode = 'foreign-link';
    await expect(client().catalog()).rejects.toThrow(`registry ${host} sent a next page on another host (http://203.0.113.9); not following it`);
    mode = 'loop';
    await expect(client().catalog()).rejects.toThrow(`registry ${host}: the pages of the catalog do not end`);
  });

  it('says when a registry has no catalog, or answers with something that is not a list', async () => {
    mode = 'no-catalog';
    await expect(client().catalog()).rejects.toThrow(`registry ${host} offers no catalog (GET /v2/_catalog answered 404)`);
    mode = 'not-json';
    await expect(client().catalog()).rejects.toThrow(`registry ${host} answered /v2/_catalog?n=100 with something that is not JSON`);
  });
});
