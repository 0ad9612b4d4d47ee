// The registry of single-line detectors every text, value and file is run through, and the
// catalogue of every kind of secret the library reports (docs/rules/secret-formats.md is
// generated from it and a unit test keeps the two in step).
import { FILE_FORMATS } from '../files/index.js';
import { KEY_BLOCK_FORMATS } from '../pem.js';
import { awsAccessKeyId, awsSecretAccessKey } from './aws.js';
import { githubToken, gitlabToken } from './git-hosts.js';
import { googleApiKey } from './google.js';
import { jwt } from './jwt.js';
import { slackToken, slackWebhook } from './messaging.js';
import { npmToken, pypiToken } from './package-registries.js';
import { stripeLiveKey, stripeTestKey } from './payments.js';
import type { FormatDetector, FormatInfo } from './token.js';
import { urlCredentials } from './url-credentials.js';

/** Provider formats: each names exactly what to revoke. */
const PROVIDER_DETECTORS: readonly FormatDetector[] = [
  awsAccessKeyId,
  awsSecretAccessKey,
  googleApiKey,
  githubToken,
  gitlabToken,
  npmToken,
  pypiToken,
  stripeLiveKey,
  stripeTestKey,
  slackToken,
  slackWebhook,
];

/** Generic shapes: reported when no provider format claims the same secret. */
const GENERIC_DETECTORS: readonly FormatDetector[] = [jwt, urlCredentials];

export const FORMAT_DETECTORS: readonly FormatDetector[] = [...PROVIDER_DETECTORS, ...GENERIC_DETECTORS];

/** How a kind of secret is found. */
export type FormatSource = 'token' | 'key-block' | 'file' | 'generic';

export interface SecretFormat extends FormatInfo {
  source: FormatSource;
  /** For credential files: the paths whose syntax is parsed. */
  paths?: string;
}

/** Judged by a key's name rather than the value's shape (scanValue / scanEnv and .env files). */
const NAMED_VALUE_FORMATS: SecretFormat[] = [
  {
    id: 'secret-assignment',
    title: 'Secret-named assignment',
    severity: 'error',
    keywords: [],
    source: 'generic',
    summary: 'KEY=value in history lines and label values where the key names a credential (PASSWORD, API_KEY, …) and the value is a literal. Ignores placeholders, ${VAR} references, code that reads the value, paths, URLs, fingerprints and prose.',
  },
  {
    id: 'secret-named-env',
    title: 'Secret in environment variable',
    severity: 'error',
    keywords: [],
    source: 'generic',
    summary: 'An ENV entry or build arg whose name says credential and whose value is a literal, when no format above names it. Same filters as secret-assignment.',
  },
];

/** Every kind of secret the library reports: provider formats, key blocks, files, then generic rules. */
export const SECRET_FORMATS: readonly SecretFormat[] = [
  ...PROVIDER_DETECTORS.map((d) => ({ ...d.info, source: 'token' as const })),
  ...KEY_BLOCK_FORMATS.map((f) => ({ ...f, source: 'key-block' as const })),
  ...FILE_FORMATS.filter((f) => f.generic !== true).map(({ generic: _, ...f }) => ({ ...f, source: 'file' as const })),
  ...GENERIC_DETECTORS.map((d) => ({ ...d.info, source: 'generic' as const })),
  ...FILE_FORMATS.filter((f) => f.generic === true).map(({ generic: _, ...f }) => ({ ...f, source: 'generic' as const })),
  ...NAMED_VALUE_FORMATS,
];
