// JSON Web Tokens: bearer credentials that are often pasted into configs and test scripts.
import { prefixedToken } from './token.js';

/** Decode one base64url segment to text (undefined when it is not valid base64url). */
function decodeSegment(segment: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) return undefined;
  return Buffer.from(segment, 'base64url').toString('utf8');
}

function parseObject(segment: string | undefined): Record<string, unknown> | undefined {
  const text = segment === undefined ? undefined : decodeSegment(segment);
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** RFC 7519 §4.1: issued tokens carry at least one; `{"some": "payload"}` is a docs example. */
const REGISTERED_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti'];

/**
 * A real JWS header is a JSON object naming its algorithm; random base64 that happens to start
 * with "eyJ" is not. The jwt.io sample token (subject "John Doe") is documentation everywhere.
 */
function isSignedJwt(token: string): boolean {
  const [header, payload] = token.split('.');
  const head = parseObject(header);
  if (head === undefined || typeof head['alg'] !== 'string' || head['alg'].toLowerCase() === 'none') return false;
  const claims = parseObject(payload);
  if (claims === undefined || !REGISTERED_CLAIMS.some((c) => c in claims)) return false;
  return !(claims['name'] === 'John Doe' && claims['sub'] === '1234567890');
}

// Reference: RFC 7519 "JSON Web Token (JWT)" §3 and RFC 7515 "JSON Web Signature" §7.1 (compact
// serialization: base64url(header) "." base64url(payload) "." base64url(signature); a JSON object
// header always encodes to "eyJ").
export const jwt = prefixedToken({
  kind: 'jwt',
  title: 'JSON Web Token',
  keywords: ['eyJ'],
  pattern: /eyJ[A-Za-z0-9_-]{8,600}\.ey[A-Za-z0-9_-]{8,3000}\.[A-Za-z0-9_-]{16,700}(?![A-Za-z0-9_.-])/y,
  notAfter: /[A-Za-z0-9_.-]/,
  confirm: isSignedJwt,
  summary:
    'Signed JWTs whose header names an algorithm and whose payload has a registered claim. Ignores alg "none", the jwt.io sample and base64 that merely starts with eyJ.',
});

const JWT_WHOLE = /^eyJ[A-Za-z0-9_-]{8,600}\.ey[A-Za-z0-9_-]{8,3000}\.[A-Za-z0-9_-]{16,700}$/;

// Reference: as above, and RFC 4648 §4 (base64): a JWT stored base64-encoded (Kubernetes Secret
// data, CI variables) starts with ZXlK, the encoding of "eyJ".
export const jwtBase64 = prefixedToken({
  kind: 'jwt-base64',
  title: 'Base64-encoded JSON Web Token',
  keywords: ['ZXlK'],
  pattern: /ZXlK[A-Za-z0-9+/]{40,5000}={0,2}(?![A-Za-z0-9+/=])/y,
  notAfter: /[A-Za-z0-9+/]/,
  confirm: (value) => {
    const token = Buffer.from(value, 'base64').toString('utf8').trim();
    return JWT_WHOLE.test(token) && isSignedJwt(token);
  },
  summary: 'A signed JWT (same checks as jwt) encoded once more in base64, as Kubernetes Secret data and CI variables hold it.',
});
