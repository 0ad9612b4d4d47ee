// Credential files found by content alone, at paths that name no format: a hand-copied .npmrc in a
// build folder, a Docker config in a CI directory, a kubeconfig named admin.yaml. Values are
// generated (gen.ts); none is a real credential.
import type { Cases } from './cases.js';
import { alphabet as A, body } from './gen.js';

const pw = (seed: string): string => 'Qw7v-' + body(A.alnum, 10, seed);
const b64 = (s: string): string => Buffer.from(s).toString('base64');

const npmPassword = pw('sniff-npmrc');
const pypiPassword = pw('sniff-pypirc');
const netrcPassword = pw('sniff-netrc');
const dockerAuth = b64('deploy:' + pw('sniff-docker'));
const kubeToken = body(A.urlSafe, 48, 'sniff-kube');
const mavenPassword = pw('sniff-maven');
const masterPassword = '{' + body(A.base64, 44, 'sniff-master') + '}';
const composerToken = pw('sniff-composer');
const mysqlPassword = pw('sniff-mysql');
const refreshToken = '1//' + body(A.urlSafe, 40, 'sniff-gcloud');
const pgPassword = pw('sniff-pgpass');
const railsKey = body(A.hex, 32, 'sniff-rails');
const s3fsSecret = body(A.base64, 40, 'sniff-s3fs');
const s3Secret = body(A.base64, 40, 'sniff-s3cmd');
const apr1 = '$apr1$' + body(A.alnum, 8, 'sniff-apr1-salt') + '$' + body(A.alnum + './', 22, 'sniff-apr1');

export const SNIFFED_CASES: Record<string, Cases> = {
  'npmrc-auth': {
    positives: [
      { text: `registry=https://npm.corp.lan/\n//npm.corp.lan/:_password=${npmPassword}\n`, secret: npmPassword, via: { file: '/srv/ci/npm-auth' } },
    ],
    negatives: [{ why: 'a registry line only', text: 'registry=https://npm.corp.lan/\nalways-auth=true\n', via: { file: '/srv/ci/npm-auth' } }],
  },
  'pypirc-password': {
    positives: [
      {
        text: `[distutils]\nindex-servers = corp\n\n[corp]\nrepository = https://pypi.corp.lan/\nusername = ci\npassword = ${pypiPassword}\n`,
        secret: pypiPassword,
        via: { file: '/srv/ci/upload.ini' },
      },
    ],
    negatives: [
      {
        why: 'no password',
        text: '[distutils]\nindex-servers = corp\n\n[corp]\nrepository = https://pypi.corp.lan/\n',
        via: { file: '/srv/ci/upload.ini' },
      },
    ],
  },
  'netrc-password': {
    positives: [
      { text: `machine git.corp.lan\n  login ci\n  password ${netrcPassword}\n`, secret: netrcPassword, via: { file: '/srv/ci/git-login' } },
    ],
    negatives: [{ why: 'a placeholder', text: 'machine git.corp.lan login ci password <password>\n', via: { file: '/srv/ci/git-login' } }],
  },
  'docker-config-auth': {
    positives: [
      {
        text: `{\n  "auths": {\n    "registry.corp.lan": {\n      "auth": "${dockerAuth}"\n    }\n  }\n}\n`,
        secret: dockerAuth,
        via: { file: '/srv/ci/registry.json' },
      },
    ],
    negatives: [
      {
        why: 'a credential helper only',
        text: '{\n  "auths": {\n    "registry.corp.lan": {}\n  },\n  "credHelpers": {"registry.corp.lan": "ecr-login"}\n}\n',
        via: { file: '/srv/ci/registry.json' },
      },
    ],
  },
  'kubeconfig-credential': {
    positives: [
      {
        text: [
          'apiVersion: v1',
          'kind: Config',
          'clusters:',
          '- name: prod',
          '  cluster:',
          '    server: https://k8s.corp.lan:6443',
          'users:',
          '- name: ci',
          '  user:',
          `    token: ${kubeToken}`,
        ].join('\n'),
        secret: kubeToken,
        via: { file: '/srv/deploy/prod-admin.yaml' },
      },
    ],
    negatives: [
      {
        why: 'an exec plugin instead of a token',
        text: ['apiVersion: v1', 'kind: Config', 'users:', '- name: ci', '  user:', '    exec:', '      command: aws'].join('\n'),
        via: { file: '/srv/deploy/prod-admin.yaml' },
      },
    ],
  },
  'maven-settings-password': {
    positives: [
      {
        text: [
          '<settings>',
          '  <servers>',
          '    <server>',
          '      <id>corp</id>',
          '      <username>ci</username>',
          `      <password>${mavenPassword}</password>`,
          '    </server>',
          '  </servers>',
          '</settings>',
        ].join('\n'),
        secret: mavenPassword,
        via: { file: '/srv/ci/maven-ci.xml' },
      },
    ],
    negatives: [
      {
        why: 'a reference',
        text: '<settings>\n  <servers>\n    <server>\n      <password>${env.MAVEN_PASSWORD}</password>\n    </server>\n  </servers>\n</settings>\n',
        via: { file: '/srv/ci/maven-ci.xml' },
      },
    ],
  },
  'maven-master-password': {
    positives: [
      {
        text: `<settingsSecurity>\n  <master>${masterPassword}</master>\n</settingsSecurity>\n`,
        secret: masterPassword,
        via: { file: '/srv/build/maven-master.xml' },
      },
    ],
    negatives: [
      { why: 'an empty master', text: '<settingsSecurity>\n  <master></master>\n</settingsSecurity>\n', via: { file: '/srv/build/security.xml' } },
    ],
  },
  'composer-auth': {
    positives: [
      {
        text: `{\n  "http-basic": {\n    "repo.corp.lan": {\n      "username": "ci",\n      "password": "${composerToken}"\n    }\n  }\n}\n`,
        secret: composerToken,
        via: { file: '/root/.composer/auth.json' },
      },
    ],
    negatives: [
      {
        why: 'a reference',
        text: '{"http-basic": {"repo.corp.lan": {"username": "ci", "password": "${COMPOSER_PASSWORD}"}}}\n',
        via: { file: '/srv/php/composer-auth.json' },
      },
    ],
  },
  'mysql-option-password': {
    positives: [{ text: `[client]\nuser = root\npassword = ${mysqlPassword}\n`, secret: mysqlPassword, via: { file: '/root/.my.cnf' } }],
    negatives: [{ why: 'no client section', text: '[mysqld]\ndatadir = /var/lib/mysql\n', via: { file: '/etc/mysql/conf.d/server.cnf' } }],
  },
  'gcloud-user-credentials': {
    positives: [
      {
        text: `{\n  "client_id": "32555940559.apps.googleusercontent.com",\n  "refresh_token": "${refreshToken}",\n  "type": "authorized_user"\n}\n`,
        secret: refreshToken,
        via: { file: '/srv/ci/gcp-user.json' },
      },
    ],
    negatives: [
      { why: 'a service account key reference', text: '{"type": "authorized_user", "refresh_token": ""}\n', via: { file: '/srv/ci/gcp-user.json' } },
    ],
  },
  'pgpass-password': {
    positives: [{ text: `# orders\ndb.internal:5432:orders:orders_rw:${pgPassword}\n`, secret: pgPassword, via: { file: '/srv/db/pgpass-prod' } }],
    negatives: [
      {
        why: '/etc/passwd lines, a MAC address and a time are not libpq entries',
        text: 'root:x:0:0:root:/root:/bin/bash\n00:1a:2b:3c:4d\nstarted 10:42:17:003:bootstrap\n',
        via: { file: '/srv/db/pgpass-prod' },
      },
    ],
  },
  'cloud-cli-credentials': {
    positives: [
      {
        text: `[default]\naccess_key = backup\nsecret_key = ${s3Secret}\nhost_base = s3.corp.lan\n`,
        secret: s3Secret,
        via: { file: '/srv/tools/s3-backup-creds' },
      },
    ],
    negatives: [
      { why: 'settings without a secret', text: '[default]\nregion = eu-west-1\noutput = json\n', via: { file: '/srv/tools/aws-profile' } },
    ],
  },
  'htpasswd-hash': {
    positives: [{ text: `admin:${apr1}\n`, secret: apr1, via: { file: '/etc/nginx/conf.d/users' } }],
    negatives: [
      {
        why: 'shadow lines (fields after the hash) and a bare crypt()-length string',
        text: `app:${apr1}:19700:0:99999:7:::\nbuild:Rt5Yu7Io9Pa1S\n`,
        via: { file: '/etc/nginx/conf.d/users' },
      },
    ],
  },
  'rails-master-key': {
    positives: [
      { text: `${railsKey}\n`, secret: railsKey, via: { file: '/app/config/master.key' } },
      { text: railsKey, secret: railsKey, via: { file: '/srv/app/config/credentials/production.key' } },
    ],
    negatives: [{ why: 'not 32 hex characters', text: 'replace-with-your-key\n', via: { file: '/app/config/master.key' } }],
  },
  's3fs-password': {
    positives: [
      { text: `backupuser:${s3fsSecret}\n`, secret: s3fsSecret, via: { file: '/etc/passwd-s3fs' } },
      { text: `# per bucket\nbackups:backupuser:${s3fsSecret}\n`, secret: s3fsSecret, via: { file: '/root/.passwd-s3fs' } },
    ],
    negatives: [
      { why: 'a comment and a placeholder', text: '# ACCESS_KEY_ID:SECRET_ACCESS_KEY\nbackupuser:changeme\n', via: { file: '/etc/passwd-s3fs' } },
    ],
  },
};
