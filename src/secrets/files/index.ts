// Every credential-file format, declared once, and the line parser a file gets: its credential
// file's (by path), else the config parser of its syntax plus the sniffers that watch that syntax.
import { codeLiteralParser, isSourceCode, sourceCodeParser } from '../config/code-literals.js';
import { configParser, configSyntaxOf, untypedSettingsParser } from '../config/index.js';
import { baseName, normalizePath, withoutBackupSuffix } from '../paths.js';
import type { LineParser } from '../line-parser.js';
import type { FormatInfo } from '../types.js';
import { allOf, BINARY_MAGIC_BYTES, type CredentialFile } from './credential-file.js';
import { dockerConfig } from './docker-config.js';
import { dotenv } from './dotenv.js';
import { gitCredentials } from './git-credentials.js';
import { htpasswd } from './htpasswd.js';
import { javaKeystore, pkcs12Keystore } from './keystore.js';
import { kubeconfig } from './kubeconfig.js';
import { kubernetesSecret } from './kubernetes-secret.js';
import { mavenSettings, mavenSettingsSecurity } from './maven-settings.js';
import { netrc } from './netrc.js';
import { npmrc } from './npmrc.js';
import { pgpass } from './pgpass.js';
import { csvCredentials, djangoSettings, makefileVariable, sqlPassword } from './project-files.js';
import { pypirc } from './pypirc.js';
import {
  ansibleVaultPassword,
  bundlerCredentials,
  erlangCookie,
  fstabMountPassword,
  gitConfigCredential,
  gnupgPrivateKey,
  kaggleCredentials,
  mailRelayPassword,
  pgbouncerUserlist,
  phpAppConfig,
  svnAuthCache,
  vpnSharedSecret,
} from './system-credentials.js';
import {
  jenkinsCredentials,
  jenkinsMasterKey,
  redisConfig,
  snakeoilKey,
  sshHostKey,
  grafanaConfig,
  hibernateConfig,
  tomcatServerConfig,
  tomcatUsers,
  vaultTokenFile,
  wildflyUsers,
  wireguardConfig,
  wordpressConfig,
} from './server-configs.js';
import {
  cloudCliCredentials,
  composerAuth,
  gcloudCredentials,
  mysqlOptionFile,
  railsMasterKey,
  s3fsPassword,
  symfonyDecryptKey,
  terraformCredentials,
} from './tool-credentials.js';

export type { CredentialFile } from './credential-file.js';

export const CREDENTIAL_FILES: readonly CredentialFile[] = [
  npmrc,
  pypirc,
  netrc,
  gitCredentials,
  dockerConfig,
  kubeconfig,
  kubernetesSecret,
  pgpass,
  mavenSettings,
  mavenSettingsSecurity,
  composerAuth,
  terraformCredentials,
  mysqlOptionFile,
  cloudCliCredentials,
  gcloudCredentials,
  symfonyDecryptKey,
  railsMasterKey,
  s3fsPassword,
  htpasswd,
  dotenv,
  wireguardConfig,
  wordpressConfig,
  tomcatUsers,
  tomcatServerConfig,
  hibernateConfig,
  grafanaConfig,
  wildflyUsers,
  jenkinsCredentials,
  jenkinsMasterKey,
  vaultTokenFile,
  redisConfig,
  sshHostKey,
  snakeoilKey,
  gitConfigCredential,
  gnupgPrivateKey,
  erlangCookie,
  mailRelayPassword,
  bundlerCredentials,
  ansibleVaultPassword,
  pgbouncerUserlist,
  phpAppConfig,
  svnAuthCache,
  fstabMountPassword,
  vpnSharedSecret,
  kaggleCredentials,
  csvCredentials,
  makefileVariable,
  djangoSettings,
  sqlPassword,
  pkcs12Keystore,
  javaKeystore,
];

const BINARY_FILES = CREDENTIAL_FILES.filter((f) => f.binary !== undefined);
const ADJUSTING_FILES = CREDENTIAL_FILES.filter((f) => f.adjust !== undefined);

/** The credential file `path` is by name when that format rewrites its file's matches (an SSH host key). */
export function adjustingFileOf(path: string): CredentialFile | undefined {
  if (ADJUSTING_FILES.length === 0) return undefined;
  const full = withoutBackupSuffix(normalizePath(path));
  const base = baseName(full);
  return ADJUSTING_FILES.find((f) => f.matchesPath(full, base));
}

/** The binary credential format (a keystore) a file starting with `head` is, if any. */
export function binaryCredentialFileOf(head: Buffer): CredentialFile | undefined {
  const magic = head.subarray(0, BINARY_MAGIC_BYTES);
  return BINARY_FILES.find((f) => f.binary!.magic(magic));
}

/** Plain text that holds pasted code and config (notes, exports): read like source code. */
const PLAIN_TEXT = /\.(?:txt|text|csv|tsv)$/i;

/** The credential-file format `path` is by its name, if any. */
export function credentialFileOf(path: string): CredentialFile | undefined {
  const full = withoutBackupSuffix(normalizePath(path));
  const base = baseName(full);
  return CREDENTIAL_FILES.find((f) => f.matchesPath(full, base));
}

/** A fresh (stateful) parser for `path`, or undefined for files with no syntax worth parsing. */
export function lineParserFor(path: string): LineParser | undefined {
  // A backup (`settings.xml.bak`, `credentials~`) is read as the file it copies.
  const full = withoutBackupSuffix(normalizePath(path));
  const byPath = credentialFileOf(full);
  if (byPath !== undefined) return byPath.parser(true, full);
  const base = baseName(full);
  const syntax = configSyntaxOf(base);
  if (syntax === undefined && isSourceCode(base)) return sourceCodeParser(base);
  // Files without an extension (a dotfile's leading dot is no extension) are where hand-copied
  // credential files end up (netrc, auth, config, .docker-auth).
  const sniffed = syntax ?? (base.includes('.', 1) ? undefined : 'plain');
  if (sniffed === undefined) return PLAIN_TEXT.test(base) ? sourceCodeParser(base) : undefined;
  const parsers = CREDENTIAL_FILES.filter((f) => f.sniff?.includes(sniffed)).map((f) => f.parser(false, full));
  // Config syntaxes judge secret-named keys themselves; other text is read like code.
  if (syntax !== undefined) parsers.push(configParser(syntax));
  // Extensionless files are mostly key = value settings when they are settings at all (sbt's
  // .credentials, a copied [default] profile): read as INI, whose judge wants a secret-named key.
  else parsers.push(untypedSettingsParser());
  // INI-like .conf files hold pasted code too (logstash `"key" => "…"`, Perl and Ruby snippets).
  if (syntax === undefined || syntax === 'ini') parsers.push(codeLiteralParser());
  return allOf(parsers);
}

export interface FileFormatInfo extends FormatInfo {
  /** The files whose syntax is parsed (the path filter). */
  paths: string;
  /** Judged by a key's name rather than by a credential's own syntax. */
  generic?: boolean;
}

/** Catalogue entries of the kinds the credential-file parsers report. */
export const FILE_FORMATS: readonly FileFormatInfo[] = CREDENTIAL_FILES.map(({ id, title, severity, keywords, paths, summary, generic }) => ({
  id,
  title,
  severity,
  keywords,
  paths,
  summary,
  ...(generic === true ? { generic } : {}),
}));
