// Credential files of CLI tools written in a plain config syntax (JSON, INI): their secret-named
// values are read by the config parser and reported under the tool's own name.
import { configParser } from '../config/index.js';
import { isPlaceholder } from '../placeholders.js';
import { Priority } from '../types.js';
import { afterMarker, relabel, type CredentialFile } from './credential-file.js';

// Reference: Composer docs, "Authentication for privately hosted packages and repositories"
// (auth.json: http-basic {host: {username, password}}, github-oauth, gitlab-token, gitlab-oauth,
// bitbucket-oauth, bearer {host: token}).
export const composerAuth: CredentialFile = {
  id: 'composer-auth',
  title: 'Credential in Composer auth.json',
  severity: 'error',
  keywords: [],
  paths: 'auth.json under .composer/ or .config/composer/; any JSON file with http-basic, github-oauth, gitlab-token, bitbucket-oauth or bearer',
  summary:
    'Passwords, OAuth and bearer tokens per repository host (Packagist.com, GitHub, GitLab, Bitbucket). Ignores placeholders and ${VAR} references.',
  matchesPath: (full) => /\/(?:\.composer|\.config\/composer|composer)\/auth\.json$/.test(full),
  sniff: ['json'],
  parser: (byPath) =>
    afterMarker(
      /"(?:http-basic|github-oauth|gitlab-token|gitlab-oauth|bitbucket-oauth|bearer)"\s*:/,
      relabel(configParser('json'), composerAuth),
      byPath,
      '":',
    ),
};

// Reference: Terraform CLI docs, "CLI Configuration File — Credentials" (credentials.tfrc.json:
// {"credentials": {"app.terraform.io": {"token": "…"}}}, written by `terraform login`).
export const terraformCredentials: CredentialFile = {
  id: 'terraform-credentials',
  title: 'API token in Terraform credentials.tfrc.json',
  severity: 'error',
  keywords: [],
  paths: '.terraform.d/credentials.tfrc.json, credentials.tfrc.json',
  summary: 'The token of each host under "credentials". Ignores placeholders.',
  matchesPath: (_full, base) => base === 'credentials.tfrc.json',
  parser: () => relabel(configParser('json'), terraformCredentials),
};

// Reference: MySQL docs, "Using Option Files" ([client]/[mysql]/[mysqldump] password=) and
// "End-User Guidelines for Password Security" (.my.cnf is where a password should never be).
export const mysqlOptionFile: CredentialFile = {
  id: 'mysql-option-password',
  title: 'Password in MySQL option file',
  severity: 'error',
  keywords: [],
  paths: '.my.cnf, my.cnf, .mylogin.cnf is binary and not read; any INI file with a [client], [mysql] or [mysqldump] section',
  summary: 'password= in the client sections. Ignores empty values (which make the client prompt) and placeholders.',
  matchesPath: (_full, base) => base === '.my.cnf' || base === 'my.cnf',
  sniff: ['ini'],
  parser: (byPath) => afterMarker(/^\s*\[(?:client|mysql|mysqldump|mysqladmin)\]/, relabel(configParser('ini'), mysqlOptionFile), byPath, '['),
};

// Reference: AWS CLI docs, "Configuration and credential file settings" (~/.aws/credentials);
// rclone docs, "Configuration" (rclone.conf: pass, secret_access_key, token, client_secret);
// s3cmd's .s3cfg (access_key, secret_key).
export const cloudCliCredentials: CredentialFile = {
  id: 'cloud-cli-credentials',
  title: 'Credential in cloud CLI config',
  severity: 'error',
  keywords: [],
  paths:
    '.aws/credentials, .aws/config, rclone.conf, .s3cfg; any extensionless INI file with aws_secret_access_key, secret_access_key or secret_key settings',
  summary:
    'Secret-named settings (aws_secret_access_key, aws_session_token, secret_key, pass, token, client_secret) of the INI sections. A provider format found in the same value (AWS keys) names it instead.',
  matchesPath: (full, base) => /\/\.aws\/(?:credentials|config)$/.test(full) || base === 'rclone.conf' || base === '.s3cfg' || base === 's3cfg',
  sniff: ['plain'],
  parser: (byPath) =>
    afterMarker(
      /^\s*(?:aws_secret_access_key|aws_session_token|secret_access_key|secret_key)\s*=/i,
      relabel(configParser('ini'), cloudCliCredentials),
      byPath,
      '_',
    ),
};

// Reference: Google Cloud docs, "How Application Default Credentials works" (gcloud writes
// application_default_credentials.json: type authorized_user with client_secret and refresh_token).
export const gcloudCredentials: CredentialFile = {
  id: 'gcloud-user-credentials',
  title: 'OAuth refresh token in gcloud credentials',
  severity: 'error',
  keywords: [],
  paths: 'application_default_credentials.json, .config/gcloud/**/*.json; any JSON file with "type": "authorized_user"',
  summary:
    'refresh_token and client_secret of authorized_user credentials. Service-account keys are found by their private key (gcp-service-account-key).',
  matchesPath: (full, base) => base === 'application_default_credentials.json' || /\/\.config\/gcloud\/.+\.json$/.test(full),
  sniff: ['json'],
  parser: (byPath) =>
    afterMarker(/"type"\s*:\s*"authorized_user"|"refresh_token"\s*:/, relabel(configParser('json'), gcloudCredentials), byPath, '_'),
};

// Reference: Symfony docs, "How to Keep Sensitive Information Secret" (config/secrets/<env>/
// <env>.decrypt.private.php holds the key that decrypts every secret of the vault; it must never
// be committed or shipped outside the production host's secret store).
export const symfonyDecryptKey: CredentialFile = {
  id: 'symfony-decrypt-key',
  title: 'Symfony secrets decryption key',
  severity: 'error',
  keywords: [],
  paths: 'config/secrets/<env>/<env>.decrypt.private.php',
  summary: 'The string the file returns: the private key of the secrets vault. Ignores the .encrypt.public.php key, which is public.',
  matchesPath: (_full, base) => /\.decrypt\.private\.php$/.test(base),
  parser: () => ({
    parse(line, out) {
      const m = /\breturn\s+(?:"([^"]{16,})"|'([^']{16,})')/.exec(line);
      const value = m?.[1] ?? m?.[2];
      if (m === null || value === undefined || isPlaceholder(value)) return;
      out.push({
        kind: symfonyDecryptKey.id,
        title: symfonyDecryptKey.title,
        secret: value,
        index: line.indexOf(value, m.index),
        priority: Priority.file,
      });
    },
  }),
};

// Reference: Rails guides, "Securing Rails Applications — Custom Credentials" (config/master.key,
// or config/credentials/<env>.key, holds the key that decrypts credentials.yml.enc: 32 hex
// characters; it is meant for RAILS_MASTER_KEY on the host, never for the image).
export const railsMasterKey: CredentialFile = {
  id: 'rails-master-key',
  title: 'Rails credentials master key',
  severity: 'error',
  keywords: [],
  paths: 'config/master.key, config/credentials/<env>.key',
  summary: 'The 32 hex characters of the key file, which decrypt config/credentials.yml.enc. Ignores any other content.',
  matchesPath: (full) => /\/config\/(?:master|credentials\/[^/]+)\.key$/.test(full),
  parser: () => ({
    parse(line, out) {
      const m = /^\s*([0-9a-f]{32})\s*$/.exec(line);
      if (m === null || isPlaceholder(m[1] ?? '')) return;
      out.push({
        kind: railsMasterKey.id,
        title: railsMasterKey.title,
        secret: m[1] ?? '',
        index: line.indexOf(m[1] ?? ''),
        priority: Priority.file,
      });
    },
  }),
};

// Reference: s3fs-fuse README, "Examples" (passwd file: ACCESS_KEY_ID:SECRET_ACCESS_KEY, or
// bucket:ACCESS_KEY_ID:SECRET_ACCESS_KEY per bucket; /etc/passwd-s3fs or ~/.passwd-s3fs).
export const s3fsPassword: CredentialFile = {
  id: 's3fs-password',
  title: 'S3 secret key in s3fs password file',
  severity: 'error',
  keywords: [],
  paths: '/etc/passwd-s3fs, .passwd-s3fs',
  summary: 'The secret key after ACCESS_KEY_ID: (optionally after bucket:) on each line. Ignores comments and placeholders.',
  matchesPath: (_full, base) => base === 'passwd-s3fs' || base === '.passwd-s3fs',
  parser: () => ({
    parse(line, out) {
      const m = /^\s*(?:[^:#\s]+:)?[^:#\s]+:([^:\s]{8,})\s*$/.exec(line);
      const secret = m?.[1];
      if (m === null || secret === undefined || isPlaceholder(secret)) return;
      out.push({ kind: s3fsPassword.id, title: s3fsPassword.title, secret, index: line.lastIndexOf(secret), priority: Priority.file });
    },
  }),
};
