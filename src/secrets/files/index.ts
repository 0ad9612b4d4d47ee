// Picks the line parser for a credential file, by its path, and describes each file format.
import { credentialFileKind } from '../paths.js';
import type { LineParser } from '../text-scanner.js';
import type { FormatInfo } from '../types.js';
import { dockerConfigParser } from './docker-config.js';
import { dotenvParser } from './dotenv.js';
import { gitCredentialsParser } from './git-credentials.js';
import { htpasswdParser } from './htpasswd.js';
import { kubeconfigParser } from './kubeconfig.js';
import { mavenSettingsParser } from './maven-settings.js';
import { netrcParser } from './netrc.js';
import { npmrcParser } from './npmrc.js';
import { pgpassParser } from './pgpass.js';
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
    case 'kubeconfig':
      return kubeconfigParser();
    case 'pgpass':
      return pgpassParser();
    case 'maven-settings':
      return mavenSettingsParser();
    case 'htpasswd':
      return htpasswdParser();
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
    id: 'kubeconfig-credential',
    title: 'Credential in kubeconfig',
    severity: 'error',
    keywords: [],
    paths: '~/.kube/config, /etc/kubernetes/*.conf, k3s/RKE2 admin configs, files named *kubeconfig* (not source code)',
    summary: 'User token:, password:, client-key-data: (only when it decodes to a PEM private key) and auth-provider client-secret/id-token/refresh-token. Ignores certificate-authority-data, client-certificate-data and templated values.',
  },
  {
    id: 'pgpass-password',
    title: 'Password in .pgpass',
    severity: 'error',
    keywords: [],
    paths: '.pgpass, pgpass.conf',
    summary: 'The fifth field of host:port:database:user:password lines, honouring \\: escapes. Ignores comments and lines with fewer fields.',
  },
  {
    id: 'maven-settings-password',
    title: 'Password in Maven settings.xml',
    severity: 'error',
    keywords: [],
    paths: '.m2/settings.xml, .mvn/settings.xml, <maven>/conf/settings.xml',
    summary: '<password> and <passphrase> values. Ignores ${env.X} references, {…} encrypted values and examples inside XML comments.',
  },
  {
    id: 'htpasswd-hash',
    title: 'Password hash in htpasswd file',
    severity: 'warning',
    keywords: [],
    paths: '.htpasswd, htpasswd, *.htpasswd',
    summary: 'user:hash lines with bcrypt ($2y$), Apache MD5 ($apr1$), {SHA}, SHA-crypt ($5$/$6$) or crypt() hashes. A warning: a hash, not the password, though weak ones crack quickly.',
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
