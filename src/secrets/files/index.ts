// Picks the line parser for a credential file, by its path, and describes each file format.
import { credentialFileKind } from '../paths.js';
import type { LineParser } from '../text-scanner.js';
import type { FormatInfo } from '../types.js';
import { dockerConfigParser } from './docker-config.js';
import { dotenvParser } from './dotenv.js';
import { gitCredentialsParser } from './git-credentials.js';
import { netrcParser } from './netrc.js';
import { npmrcParser } from './npmrc.js';
import { pypircParser } from './pypirc.js';

/** A fresh (stateful) parser for `path`, or undefined for files with no syntax of their own. */
export function lineParserFor(path: string): LineParser | undefined {
  switch (credentialFileKind(path)) {
    case 'npmrc':
      return npmrcParser();
    case 'pypirc':
      return pypircParser();
    case 'netrc':
      return netrcParser();
    case 'git-credentials':
      return gitCredentialsParser();
    case 'docker-config':
      return dockerConfigParser(false);
    case 'dockercfg':
      return dockerConfigParser(true);
    case 'dotenv':
      return dotenvParser();
    case undefined:
      return undefined;
  }
}

export interface FileFormatInfo extends FormatInfo {
  /** The files whose syntax is parsed (the path filter). */
  paths: string;
  /** Judged by a key's name rather than by a credential's own syntax. */
  generic?: boolean;
}

/** Catalogue entries of the kinds the credential-file parsers report. */
export const FILE_FORMATS: readonly FileFormatInfo[] = [
  {
    id: 'npmrc-auth',
    title: 'npm registry credential in .npmrc',
    severity: 'error',
    keywords: [],
    paths: '.npmrc, npmrc',
    summary: '_authToken, _auth and _password settings, global or scoped to a registry. Ignores ${NPM_TOKEN} references and empty values.',
  },
  {
    id: 'pypirc-password',
    title: 'Package index password in .pypirc',
    severity: 'error',
    keywords: [],
    paths: '.pypirc',
    summary: 'password = lines of any index section. Ignores placeholders such as <your-token>.',
  },
  {
    id: 'netrc-password',
    title: 'Password in .netrc',
    severity: 'error',
    keywords: [],
    paths: '.netrc, _netrc',
    summary: 'The token after password/passwd, on the same or the next line. Ignores comments and macdef bodies.',
  },
  {
    id: 'git-credentials',
    title: 'Password in .git-credentials',
    severity: 'error',
    keywords: [],
    paths: '.git-credentials',
    summary: 'The password of each stored https://user:password@host line. Ignores lines without one.',
  },
  {
    id: 'docker-config-auth',
    title: 'Registry login in Docker config.json',
    severity: 'error',
    keywords: [],
    paths: '.docker/config.json, .dockercfg',
    summary: 'auths entries: auth (base64 user:password), identitytoken, registrytoken. Ignores empty auths and credsStore/credHelpers setups, which keep no secret in the file.',
  },
  {
    id: 'dotenv-secret',
    title: 'Secret in .env file',
    severity: 'error',
    keywords: [],
    paths: '.env, .env.*, *.env (not .env.example, .sample, .template, …)',
    generic: true,
    summary: 'KEY=value lines whose key names a credential and whose value is a literal. Ignores templates, ${VAR} references, placeholders and paths.',
  },
];
