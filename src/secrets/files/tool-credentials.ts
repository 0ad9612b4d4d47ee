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
