// The registry of single-line detectors every text, value and file is run through.
import type { Detector } from '../types.js';
import { awsAccessKeyId, awsSecretAccessKey, googleApiKey } from './cloud.js';
import { githubToken, gitlabToken } from './git-hosts.js';
import { jwt } from './jwt.js';
import { npmToken, pypiToken } from './package-registries.js';
import { slackToken, slackWebhook, stripeLiveKey, stripeTestKey } from './saas.js';
import { urlCredentials } from './url-credentials.js';

export const FORMAT_DETECTORS: readonly Detector[] = [
  awsAccessKeyId,
  awsSecretAccessKey,
  githubToken,
  gitlabToken,
  slackToken,
  slackWebhook,
  stripeLiveKey,
  stripeTestKey,
  npmToken,
  pypiToken,
  googleApiKey,
  jwt,
  urlCredentials,
];
