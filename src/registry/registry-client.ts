// A read-only client for the registry HTTP API v2 / OCI distribution spec: manifests and blobs,
// with the token and basic auth flows, retries with backoff on 429/5xx (Retry-After honoured),
// timeouts, and plain HTTP only for loopback hosts and hosts the user marked insecure.
import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { z } from 'zod';
import { ImagegateError } from '../core/errors.js';
import { within } from '../deadline.js';
import { parseChallenge } from './challenge.js';
import { getFollowingRedirects, RedirectTargetError } from './follow-redirects.js';
import type { Credentials } from './docker-config.js';

export class RegistryError extends ImagegateError {}

/** A 404: the repository, tag, digest or API is not there. */
export class RegistryNotFoundError extends RegistryError {}

export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;
/** One page of a catalog or tag list. */
const MAX_LIST_PAGE_BYTES = 8 * 1024 * 1024;
/** Pages followed before a list is taken for a loop. */
const MAX_LIST_PAGES = 100_000;
const DEFAULT_PAGE_SIZE = 100;

/** The token scope that lists a registry's repositories (distribution's token auth). */
export const CATALOG_SCOPE = 'registry:catalog:*';

const catalogPage = z.object({ repositories: z.array(z.string()).nullish() });
const tagsPage = z.object({ tags: z.array(z.string()).nullish() });

export interface RegistryClientOptions {
  /** Hosts (host or host:port) reached over plain HTTP besides loopback ones. */
  insecureHosts?: string[];
  credentials?: (host: string) => Promise<Credentials | undefined>;
  /** Seconds to wait for response headers, and for each chunk of a body. */
  timeoutSeconds?: number;
  retries?: number;
  /** Injected for tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  /** Base delay of the exponential backoff, in ms (tests use 1). */
  backoffMs?: number;
}

export interface FetchedManifest {
  body: Buffer;
  mediaType: string;
  digest: string;
}

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/;

export class RegistryClient {
  private readonly tokens = new Map<string, string>();
  private basic?: string;
  private credentials?: Credentials | null;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  readonly baseUrl: string;

  constructor(
    readonly host: string,
    private readonly options: RegistryClientOptions = {},
  ) {
    const insecure = LOOPBACK.test(host) || (options.insecureHosts ?? []).includes(host);
    this.baseUrl = `${insecure ? 'http' : 'https'}://${host === 'docker.io' ? 'registry-1.docker.io' : host}`;
    this.fetch = options.fetch ?? fetch;
    this.timeoutMs = (options.timeoutSeconds ?? 60) * 1000;
    this.retries = options.retries ?? 4;
    this.backoffMs = options.backoffMs ?? 500;
  }

  async manifest(repository: string, reference: string): Promise<FetchedManifest> {
    const response = await this.request(
      repository,
      `/v2/${repository}/manifests/${reference}`,
      { accept: MANIFEST_ACCEPT },
      `${repository}:${reference}`,
    );
    const body = await this.readSmall(response, MAX_MANIFEST_BYTES, `${this.host}/${repository}:${reference}: reading the manifest`);
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
    const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
    if (reference.startsWith('sha256:') && digest !== reference) {
      throw new RegistryError(`${this.host}/${repository}@${reference}: the registry sent a manifest that hashes to ${digest}; refusing it`);
    }
    return { body, mediaType, digest };
  }

  /**
   * Every repository in the registry's catalog (`GET /v2/_catalog`), following `Link: <…>; rel="next"`
   * pages, in the registry's order. Many hosted registries (Docker Hub among them) offer no catalog.
   */
  async catalog(options: { pageSize?: number } = {}): Promise<string[]> {
    try {
      return await this.list(
        `/v2/_catalog?n=${pageSize(options.pageSize)}`,
        'the catalog',
        '_catalog',
        CATALOG_SCOPE,
        (body) => catalogPage.safeParse(body).data?.repositories,
      );
    } catch (error) {
      if (error instanceof RegistryNotFoundError) {
        throw new RegistryError(
          `registry ${this.host} offers no catalog (GET /v2/_catalog answered 404); it cannot be listed, name its images one by one with imagegate check`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  /** Every tag of a repository (`GET /v2/<name>/tags/list`), following pages like catalog(). */
  async tags(repository: string, options: { pageSize?: number } = {}): Promise<string[]> {
    return this.list(
      `/v2/${repository}/tags/list?n=${pageSize(options.pageSize)}`,
      repository,
      `${repository} (tag list)`,
      `repository:${repository}:pull`,
      (body) => tagsPage.safeParse(body).data?.tags,
    );
  }

  private async list(
    first: string,
    subject: string,
    what: string,
    scope: string,
    pick: (body: unknown) => string[] | null | undefined,
  ): Promise<string[]> {
    const items: string[] = [];
    const seen = new Set<string>();
    for (let path: string | undefined = first; path !== undefined;) {
      if (seen.has(path) || seen.size >= MAX_LIST_PAGES)
        throw new RegistryError(`registry ${this.host}: the pages of ${subject} do not end (${path} again, or more than ${MAX_LIST_PAGES} pages)`);
      seen.add(path);
      const response = await this.request(subject, path, { accept: 'application/json' }, what, scope);
      const text = (await this.readSmall(response, MAX_LIST_PAGE_BYTES, `${this.host}: reading ${subject}`)).toString('utf8');
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new RegistryError(`registry ${this.host} answered ${path} with something that is not JSON`);
      }
      const page = pick(body);
      if (page === undefined) throw new RegistryError(`registry ${this.host} answered ${path} with JSON that is not a list of names`);
      items.push(...(page ?? []));
      path = this.nextPage(response.headers.get('link'), path);
    }
    return items;
  }

  /** The `rel="next"` target of a Link header, as a path on this registry; never another host. */
  private nextPage(header: string | null, current: string): string | undefined {
    if (!header) return undefined;
    for (const part of header.split(/,(?=\s*<)/)) {
      const match = /^\s*<([^>]*)>(.*)$/.exec(part);
      if (!match || !/;\s*rel="?next"?\s*(?:;|$)/i.test(match[2]!)) continue;
      const next = new URL(match[1]!, `${this.baseUrl}${current}`);
      if (next.origin !== new URL(this.baseUrl).origin)
        throw new RegistryError(`registry ${this.host} sent a next page on another host (${next.origin}); not following it`);
      return `${next.pathname}${next.search}`;
    }
    return undefined;
  }

  /** A bounded answer (manifest, list page): refused from its Content-Length when it says too much, else read under the timeout. */
  private async readSmall(response: Response, limit: number, what: string): Promise<Buffer> {
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > limit) {
      await response.body?.cancel();
      throw new RegistryError(`${what}: the answer is ${length} bytes; refusing more than ${limit}`);
    }
    const body = Buffer.from(
      await within(response.arrayBuffer(), this.timeoutMs, () => new RegistryError(`${what}: no data for ${this.timeoutMs / 1000} s`)),
    );
    if (body.length > limit) throw new RegistryError(`${what}: the answer is ${body.length} bytes; refusing more than ${limit}`);
    return body;
  }

  /** A blob's bytes, streamed; the caller verifies its digest as it reads. */
  async blob(repository: string, digest: string): Promise<Readable> {
    const response = await this.request(repository, `/v2/${repository}/blobs/${digest}`, {}, `${repository}@${digest}`);
    if (!response.body) throw new RegistryError(`${this.host}/${repository}: blob ${digest} came without a body`);
    // A short queue: chunks waiting in a 1 MiB one lived long enough to be promoted out of V8's young
    // generation (docker:// of the 1 GB bench image: peak RSS 137-157 MB with 1 MiB, 123-128 with 64 KiB).
    const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>, { highWaterMark: 64 * 1024 });
    const guarded = idleTimeout(this.timeoutMs, `${this.host}/${repository}: blob ${digest}`);
    body.on('error', (error) =>
      guarded.destroy(new RegistryError(`${this.host}/${repository}: reading blob ${digest} failed (${error.message})`, { cause: error })),
    );
    guarded.on('close', () => body.destroy());
    return body.pipe(guarded);
  }

  /**
   * One GET with auth, retries and timeouts. `subject` (a repository, or "the catalog") names what is
   * read in errors; `scope` is the token scope asked for when a bearer challenge names none.
   */
  private async request(
    subject: string,
    path: string,
    headers: Record<string, string>,
    what: string,
    scope = `repository:${subject}:pull`,
  ): Promise<Response> {
    let authorized = false;
    for (let attempt = 0; ; attempt++) {
      const auth = this.tokens.get(scope) ?? this.basic;
      let response: Response;
      let redirectedTo: string | undefined;
      try {
        ({ response, redirectedTo } = await getFollowingRedirects(this.fetch, `${this.baseUrl}${path}`, {
          headers,
          authorization: auth,
          timeoutMs: this.timeoutMs,
          host: this.host,
          what,
        }));
      } catch (error) {
        if (error instanceof ImagegateError) throw error; // a refused redirect: asking again changes nothing
        if (attempt < this.retries) {
          await sleep(this.backoff(attempt));
          continue;
        }
        if (error instanceof RedirectTargetError) {
          throw new RegistryError(
            `registry ${this.host} sent ${what} to ${error.origin}, which cannot be reached (${describeNetworkError(error.cause)})`,
            { cause: error },
          );
        }
        throw new RegistryError(
          `cannot reach registry ${this.host} (${describeNetworkError(error)}); is the host right, and does it speak ${this.baseUrl.startsWith('https') ? 'HTTPS (use --insecure-registry for plain HTTP)' : 'HTTP'}?`,
          { cause: error },
        );
      }
      if (response.ok) return response;
      const status = response.status;
      if (redirectedTo && !(status === 429 || status >= 500)) {
        // The storage host's refusal (an expired or wrong presigned URL) is not the registry's login question.
        await response.body?.cancel();
        throw new RegistryError(
          `registry ${this.host} sent ${what} to ${redirectedTo}, which answered ${status}; the registry's storage or CDN refused the download — try again, or report it to the registry's operator`,
        );
      }
      if (status === 401 && !authorized) {
        await response.body?.cancel();
        authorized = true;
        await this.authorize(response.headers.get('www-authenticate'), scope, subject);
        continue;
      }
      if ((status === 429 || status >= 500) && attempt < this.retries) {
        await response.body?.cancel();
        await sleep(retryAfterMs(response.headers.get('retry-after')) ?? this.backoff(attempt));
        continue;
      }
      const detail = await errorDetail(response);
      if (status === 401 || status === 403) {
        throw new RegistryError(
          `registry ${this.host} refused access to ${subject} (${status}${detail}); log in with docker login ${this.host}, or check that the account may pull it`,
        );
      }
      if (status === 404) throw new RegistryNotFoundError(`${this.host}/${what} was not found (404${detail}); check the repository, tag or digest`);
      throw new RegistryError(
        `registry ${this.host} answered ${status} for ${what}${detail}${status === 429 || status >= 500 ? ` after ${this.retries + 1} attempts` : ''}`,
      );
    }
  }

  private async authorize(header: string | null, scope: string, subject: string): Promise<void> {
    const challenge = parseChallenge(header);
    if (this.credentials === undefined) this.credentials = (await this.options.credentials?.(this.host)) ?? null;
    const creds = this.credentials;
    if (challenge?.scheme === 'basic') {
      if (!creds)
        throw new RegistryError(
          `registry ${this.host} requires a login to read ${subject}; run docker login ${this.host} (credentials are read from the Docker config)`,
        );
      this.basic = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
      return;
    }
    if (challenge?.scheme !== 'bearer' || !challenge.params.realm) {
      throw new RegistryError(`registry ${this.host} asked for authentication it does not describe (WWW-Authenticate: ${header ?? 'missing'})`);
    }
    const url = new URL(challenge.params.realm);
    if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
    url.searchParams.set('scope', challenge.params.scope ?? scope);
    let response: Response;
    try {
      response = creds?.identityToken
        ? await this.fetch(url.origin + url.pathname, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({
              grant_type: 'refresh_token',
              refresh_token: creds.identityToken,
              service: challenge.params.service ?? '',
              scope: challenge.params.scope ?? scope,
              client_id: 'imagegate',
            }),
            signal: AbortSignal.timeout(this.timeoutMs),
            redirect: 'error', // a refresh token is posted to the realm it was issued for, nowhere else
          })
        : (
            await getFollowingRedirects(this.fetch, url.href, {
              headers: {},
              authorization: creds ? `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}` : undefined,
              timeoutMs: this.timeoutMs,
              host: this.host,
              what: `the token for ${subject}`,
            })
          ).response;
    } catch (error) {
      if (error instanceof ImagegateError) throw error;
      throw new RegistryError(`cannot reach the token service ${url.origin} of registry ${this.host} (${describeNetworkError(error)})`, {
        cause: error,
      });
    }
    if (!response.ok) {
      throw new RegistryError(
        `the token service of registry ${this.host} refused ${creds ? 'the stored credentials' : 'anonymous access'} for ${subject} (${response.status}${await errorDetail(response)}); ${creds ? 'check them with docker login' : 'log in with docker login'} ${this.host}`,
      );
    }
    const body = (await response.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(`the token service of registry ${this.host} answered without a token`);
    this.tokens.set(scope, `Bearer ${token}`);
  }

  private backoff(attempt: number): number {
    return this.backoffMs * 2 ** attempt;
  }
}

/** Retry-After in seconds or as an HTTP date, capped at a minute. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 60_000) : undefined;
}

async function errorDetail(response: Response): Promise<string> {
  try {
    const text = (await response.text()).slice(0, 2000);
    const json = JSON.parse(text) as { errors?: { code?: string; message?: string }[] };
    const first = json.errors?.[0];
    return first ? `: ${[first.code, first.message].filter(Boolean).join(' ')}` : '';
  } catch {
    return '';
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === 'TimeoutError') return 'timed out';
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

function pageSize(n: number | undefined): number {
  return n !== undefined && Number.isInteger(n) && n > 0 ? n : DEFAULT_PAGE_SIZE;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Fails a body that stalls: a registry that stops sending must not hang a CI gate. */
function idleTimeout(ms: number, what: string): Transform {
  let timer: NodeJS.Timeout | undefined;
  const stream: Transform = new Transform({
    readableHighWaterMark: 1 << 20,
    transform(chunk, _enc, done) {
      arm();
      done(null, chunk);
    },
    flush(done) {
      clearTimeout(timer);
      done();
    },
    destroy(error, done) {
      clearTimeout(timer);
      done(error);
    },
  });
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => stream.destroy(new RegistryError(`${what}: no data for ${ms / 1000} s`)), ms);
  };
  arm();
  return stream;
}
