// Follows a registry's redirects by hand: blob GETs on S3/CDN-backed registries (Docker Hub, ECR,
// GCR/Artifact Registry, GHCR…) answer 307 to a storage host with a presigned URL. fetch's own
// following would decide on its own what to forward; here the rules are explicit: a bounded number
// of hops, the registry's Authorization header never leaves the registry's origin (the presigned URL
// is the storage host's whole authorization), and never from HTTPS down to plain HTTP.
import { ImagegateError } from '../core/errors.js';

export class RedirectRefusedError extends ImagegateError {}

/** docker and containerd stop at 10; a registry needs 1, a CDN in front of storage 2 or 3. */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface Followed {
  response: Response;
  /** Where the answer came from when it was not the registry (origin only: the path and query may carry a signature). */
  redirectedTo?: string;
}

/** A network failure on a host the registry redirected to, so the caller names that host, not the registry. */
export class RedirectTargetError extends Error {
  constructor(
    readonly origin: string,
    cause: unknown,
  ) {
    super(`the redirect target ${origin} failed`, { cause });
  }
}

/**
 * GETs `url`, following up to MAX_REDIRECTS redirects. `authorization` goes only to `url`'s origin.
 * `what` and `host` name the request in errors; messages show origins only, never a redirect's path or
 * query, which for presigned URLs holds credentials.
 */
export async function getFollowingRedirects(
  fetchFn: typeof fetch,
  url: string,
  options: { headers: Record<string, string>; authorization?: string | undefined; timeoutMs: number; host: string; what: string },
): Promise<Followed> {
  const registryOrigin = new URL(url).origin;
  let current = new URL(url);
  for (let hop = 0; ; hop++) {
    const atRegistry = current.origin === registryOrigin;
    let response: Response;
    try {
      response = await fetchFn(current.href, {
        headers: { ...options.headers, ...(atRegistry && options.authorization ? { authorization: options.authorization } : {}) },
        signal: AbortSignal.timeout(options.timeoutMs),
        redirect: 'manual',
      });
    } catch (error) {
      if (atRegistry) throw error;
      throw new RedirectTargetError(current.origin, error);
    }
    if (!REDIRECT_STATUSES.has(response.status)) return atRegistry ? { response } : { response, redirectedTo: current.origin };
    await response.body?.cancel();
    const location = response.headers.get('location');
    if (!location)
      throw new RedirectRefusedError(
        `registry ${options.host} answered ${response.status} (a redirect) for ${options.what} without saying where to (no Location header); the registry or a proxy in front of it is misbehaving`,
      );
    if (hop >= MAX_REDIRECTS)
      throw new RedirectRefusedError(
        `registry ${options.host} redirected ${options.what} more than ${MAX_REDIRECTS} times (last to ${current.origin}); not following a redirect loop`,
      );
    let next: URL;
    try {
      next = new URL(location, current);
    } catch (error) {
      throw new RedirectRefusedError(`registry ${options.host} redirected ${options.what} to an address that is not a URL; not following it`, {
        cause: error,
      });
    }
    if (next.protocol !== 'https:' && next.protocol !== 'http:')
      throw new RedirectRefusedError(`registry ${options.host} redirected ${options.what} to a ${next.protocol} address; only http(s) is followed`);
    if (current.protocol === 'https:' && next.protocol === 'http:') {
      throw new RedirectRefusedError(
        `registry ${options.host} redirected ${options.what} from HTTPS to plain HTTP (${next.origin}); refusing the downgrade, which would fetch the image unencrypted — fix the registry's storage or CDN URL`,
      );
    }
    current = next;
  }
}
