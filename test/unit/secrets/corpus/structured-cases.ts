// Corpus cases for structured config (key paths in YAML/JSON/XML/INI…), connection strings and the
// credential files recognised by content. Values are generated (gen.ts); none is a real credential.
import type { Cases } from './cases.js';
import { alphabet as A, body } from './gen.js';

const pw = (seed: string): string => 'Zt8q-' + body(A.alnum, 10, seed);
const b64 = (s: string): string => Buffer.from(s).toString('base64');

const springPassword = pw('spring');
// A lower-case generated value, as Terraform's random_password with special = false and upper = false writes.
const tfPassword = body(A.lowerAlnum, 20, 'terraform');
const jdbcPassword = pw('jdbc');
const sharedKey = body(A.base64, 43, 'sak') + '=';
const secretValue = pw('k8s');
const masterPassword = '{' + body(A.base64, 44, 'master') + '}';
const composerPassword = pw('composer');
const tfToken = pw('tfrc');
const mysqlPassword = pw('mysql');
const rclonePass = pw('rclone');
const refreshToken = '1//' + body(A.urlSafe, 40, 'gcloud');
const symfonyKey = '\\x' + body(A.hex, 2, 'sym') + body(A.alnum, 30, 'symfony');

export const STRUCTURED_CASES: Record<string, Cases> = {
  'secret-config-value': {
    positives: [
      {
        text: `spring:\n  datasource:\n    url: jdbc:postgresql://db/app\n    password: ${springPassword}\n`,
        secret: springPassword,
        via: { file: '/app/config/application.yml' },
      },
      { text: `{\n  "api": {\n    "key": "${springPassword}"\n  }\n}\n`, secret: springPassword, via: { file: '/app/settings.json' } },
      // Terraform and HCL attributes are key = value config: lower-case values count too.
      { text: `resource "aws_db_instance" "db" {\n  password = "${tfPassword}"\n}\n`, secret: tfPassword, via: { file: '/app/infra/main.tf' } },
      { text: `token = "${tfPassword}"\n`, secret: tfPassword, via: { file: '/etc/vault/agent.hcl' } },
    ],
    negatives: [
      { why: 'a reference', text: 'spring:\n  datasource:\n    password: ${DB_PASSWORD}\n', via: { file: '/app/config/application.yml' } },
      { why: 'a form label', text: '{"passwordLabel": "Password", "password": "Mot de passe"}\n', via: { file: '/app/i18n/fr.json' } },
    ],
  },
  'connection-string-password': {
    positives: [
      { text: `url=jdbc:sqlserver://db.lan:1433;databaseName=app;user=svc;password=${jdbcPassword};encrypt=true`, secret: jdbcPassword },
      { text: `Endpoint=sb://bus.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${sharedKey}`, secret: sharedKey },
    ],
    negatives: [
      { why: 'a format template', text: 'Server={0};Database={1};User Id={2};Password={3};' },
      { why: 'no other connection setting', text: 'reset link: /account?password=hunter2x', via: { file: '/app/notes.txt' } },
    ],
  },
  'kubernetes-secret-data': {
    positives: [
      {
        text: `apiVersion: v1\ndata:\n  db-password: ${b64(secretValue)}\nkind: Secret\nmetadata:\n  name: db\n`,
        secret: secretValue,
        via: { file: '/app/deploy/db.yaml' },
      },
    ],
    negatives: [
      {
        why: 'certificates and names',
        text: `apiVersion: v1\ndata:\n  ca.crt: ${b64('-----BEGIN CERTIFICATE-----')}\n  namespace: ${b64('payments')}\n  token: ${b64('changeme')}\nkind: Secret\n`,
        via: { file: '/app/deploy/db.yaml' },
      },
    ],
  },
  'maven-master-password': {
    positives: [
      {
        text: `<settingsSecurity>\n  <master>${masterPassword}</master>\n</settingsSecurity>\n`,
        secret: masterPassword,
        via: { file: '/srv/build/settings-security.xml' },
      },
    ],
    negatives: [
      {
        why: 'a relocation',
        text: '<settingsSecurity>\n  <relocation>/mnt/usb/settings-security.xml</relocation>\n</settingsSecurity>\n',
        via: { file: '/root/.m2/settings-security.xml' },
      },
    ],
  },
  'composer-auth': {
    positives: [
      {
        text: `{\n  "http-basic": {\n    "repo.packagist.com": {\n      "username": "token",\n      "password": "${composerPassword}"\n    }\n  }\n}\n`,
        secret: composerPassword,
        via: { file: '/app/auth.json' },
      },
    ],
    negatives: [
      {
        why: 'placeholders',
        text: '{"http-basic": {"repo.lan": {"username": "u", "password": "<your-password>"}}}\n',
        via: { file: '/root/.composer/auth.json' },
      },
    ],
  },
  'terraform-credentials': {
    positives: [
      {
        text: `{\n  "credentials": {\n    "tfe.corp.lan": {\n      "token": "${tfToken}"\n    }\n  }\n}\n`,
        secret: tfToken,
        via: { file: '/root/.terraform.d/credentials.tfrc.json' },
      },
    ],
    negatives: [
      { why: 'empty token', text: '{"credentials": {"tfe.corp.lan": {"token": ""}}}\n', via: { file: '/root/.terraform.d/credentials.tfrc.json' } },
    ],
  },
  'mysql-option-password': {
    positives: [
      { text: `[client]\nuser = backup\npassword = ${mysqlPassword}\n`, secret: mysqlPassword, via: { file: '/etc/backup/my-backup.cnf' } },
    ],
    negatives: [{ why: 'empty password prompts', text: '[client]\nuser = backup\npassword =\n', via: { file: '/root/.my.cnf' } }],
  },
  'cloud-cli-credentials': {
    positives: [
      {
        text: `[s3remote]\ntype = s3\nprovider = Ceph\npass = ${rclonePass}\n`,
        secret: rclonePass,
        via: { file: '/root/.config/rclone/rclone.conf' },
      },
    ],
    negatives: [
      {
        why: 'an obscured-by-reference value',
        text: '[s3remote]\ntype = s3\nsecret_access_key = ${S3_SECRET}\n',
        via: { file: '/root/.config/rclone/rclone.conf' },
      },
    ],
  },
  'gcloud-user-credentials': {
    positives: [
      {
        text: `{\n  "client_id": "764086051850-x.apps.googleusercontent.com",\n  "refresh_token": "${refreshToken}",\n  "type": "authorized_user"\n}\n`,
        secret: refreshToken,
        via: { file: '/root/.config/gcloud/application_default_credentials.json' },
      },
    ],
    negatives: [{ why: 'a template', text: '{"type": "authorized_user", "refresh_token": "{{ refresh_token }}"}\n', via: { file: '/app/adc.json' } }],
  },
  'symfony-decrypt-key': {
    positives: [{ text: `<?php return "${symfonyKey}";\n`, secret: symfonyKey, via: { file: '/app/config/secrets/prod/prod.decrypt.private.php' } }],
    negatives: [
      { why: 'the public key file', text: `<?php return "${symfonyKey}";\n`, via: { file: '/app/config/secrets/prod/prod.encrypt.public.php' } },
    ],
  },
};
