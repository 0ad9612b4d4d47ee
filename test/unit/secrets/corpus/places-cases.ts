// Adversarial corpus for issue 15's "credential files in realistic places and formats" and
// "no cry-wolf": whole files at the paths a team or a package really leaves them, in the variants
// real tools write, with every text encoding and wrapping. A positive names the secret that must be
// reported (at error or warning); a negative must not be reported at error after classification
// (third-party content and docs may be `info`), and a `silent` negative not at all. Every value is
// generated at runtime (gen.ts); none is a real credential.
import { generateKeyPairSync } from 'node:crypto';
import { alphabet as A, body } from './gen.js';
import { ROUND_FOUR_NEGATIVES, ROUND_FOUR_POSITIVES } from './places-round-four.js';

export interface PlaceCase {
  name: string;
  /** Where the file sits in the image. */
  path: string;
  content: string | Buffer;
  /** Positive: the value that must be reported. */
  secret?: string;
  /** Negative: no finding at all, not even `info` (default: no error-level finding). */
  silent?: boolean;
  group: 'files' | 'encodings' | 'config' | 'cry-wolf' | 'round-two' | 'round-three' | 'round-four';
}

type Draft = Omit<PlaceCase, 'group'>;

const pw = (seed: string): string => 'Hv4m' + body(A.alnum, 12, `places-${seed}`);
const tok = (seed: string, n = 40): string => body(A.alnum, n, `places-tok-${seed}`);
const b64 = (s: string): string => Buffer.from(s).toString('base64');
const j = (...lines: string[]): string => lines.join('\n') + '\n';

const rsaPem = (): string => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
};
const pem = rsaPem();
const pemBody = pem.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));
const pemJson = pem.replace(/\n/g, '\\n');

// ---------------------------------------------------------------------------------------------
// 1. Credential files in realistic places, not at their usual path.

const dockerAuth = b64('ci-bot:' + pw('docker'));
const dockerIdentity = tok('docker-identity', 64);
const dockerRegistryToken = tok('docker-registry', 48);
const kubeToken = body(A.urlSafe, 52, 'places-kube');
const kubePassword = pw('kube-basic');
const kubeKey = b64(pem);
const mavenPassword = pw('maven');
const mavenEncrypted = '{' + body(A.base64, 44, 'places-maven-enc') + '=}';
const pgPassword = pw('pgpass');
const mysqlPassword = 'Kq9' + body(A.alnum, 9, 'places-mysql') + '#x!';
const awsSecret = body(A.base64, 40, 'places-aws');
const awsSession = 'IQoJb3JpZ2luX2Vj' + body(A.base64, 300, 'places-aws-session');
const rcloneSecret = body(A.alnum, 40, 'places-rclone');
const s3Secret = body(A.base64, 40, 'places-s3cmd');
const gcloudRefresh = '1//0' + body(A.urlSafe, 60, 'places-adc');
const gcloudClientSecret = 'd-' + body(A.urlSafe, 22, 'places-adc-cs');
const tfToken = body(A.alnum, 14, 'places-tf') + '.atlasv1.' + body(A.alnum, 67, 'places-tf2');
const composerPassword = pw('composer');
const composerGithub = 'gho_' + tok('composer-gh', 36);
const composerGitlab = pw('composer-gl');
const composerBearer = tok('composer-bearer', 32);
const netrcPassword = pw('netrc');
const netrcPassword2 = pw('netrc2');
const gitCredPassword = pw('gitcred');
const npmPassword = pw('npmrc');
const npmAuthToken = tok('npmrc-token', 36);
const k8sValue = pw('k8s-secret');
const k8sString = pw('k8s-string');
const k8sListValue = pw('k8s-list');
const k8sJsonValue = pw('k8s-json');
const k8sDockerAuth = b64('robot:' + pw('k8s-dockerconfig'));
const bcrypt = '$2y$10$' + body(A.alnum + './', 53, 'places-bcrypt');
const apr1 = '$apr1$' + body(A.alnum, 8, 'places-apr1-salt') + '$' + body(A.alnum + './', 22, 'places-apr1');
const sha1 = '{SHA}' + body(A.base64, 27, 'places-sha') + '=';
const pypiPassword = pw('pypirc');

const kubeconfig = (user: string[]): string =>
  j(
    'apiVersion: v1',
    'clusters:',
    '- cluster:',
    `    certificate-authority-data: ${b64('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')}`,
    '    server: https://10.0.0.1:6443',
    '  name: prod',
    'contexts:',
    '- context:',
    '    cluster: prod',
    '    user: deployer',
    '  name: prod',
    'current-context: prod',
    'kind: Config',
    'preferences: {}',
    'users:',
    '- name: deployer',
    '  user:',
    ...user.map((l) => `    ${l}`),
  );

const FILES: Draft[] = [
  {
    name: 'Docker config with auth, renamed into the app config',
    path: '/app/config/docker.json',
    content: j('{', '  "auths": {', '    "registry.corp.lan:5000": {', `      "auth": "${dockerAuth}"`, '    }', '  }', '}'),
    secret: dockerAuth,
  },
  {
    name: 'Docker config with identitytoken, one line',
    path: '/srv/ci/registry-login.json',
    content: `{"auths":{"corp.azurecr.io":{"auth":"","identitytoken":"${dockerIdentity}"}},"HttpHeaders":{"User-Agent":"Docker-Client/24.0.7 (linux)"}}`,
    secret: dockerIdentity,
  },
  {
    name: 'Docker config with registrytoken',
    path: '/opt/build/docker-config.json',
    content: j('{', '  "auths": {', '    "ghcr.io": {', `      "registrytoken": "${dockerRegistryToken}"`, '    }', '  }', '}'),
    secret: dockerRegistryToken,
  },
  {
    name: 'Docker config backup (config.json.bak)',
    path: '/root/.docker/config.json.bak',
    content: j('{', '\t"auths": {', '\t\t"https://index.docker.io/v1/": {', `\t\t\t"auth": "${dockerAuth}"`, '\t\t}', '\t}', '}'),
    secret: dockerAuth,
  },
  {
    name: 'Docker config in a build context directory, extensionless',
    path: '/workspace/.docker-auth',
    content: `{"auths": {"registry.gitlab.com": {"auth": "${dockerAuth}"}}}\n`,
    secret: dockerAuth,
  },
  {
    name: 'kubeconfig with a token, named kubeconfig.yaml',
    path: '/srv/deploy/kubeconfig.yaml',
    content: kubeconfig([`token: ${kubeToken}`]),
    secret: kubeToken,
  },
  {
    name: 'kubeconfig with basic auth, named after the cluster',
    path: '/srv/deploy/prod-cluster.yml',
    content: kubeconfig(['username: admin', `password: ${kubePassword}`]),
    secret: kubePassword,
  },
  {
    name: 'kubeconfig with client-key-data, extensionless',
    path: '/home/ci/cluster-admin',
    content: kubeconfig([
      `client-certificate-data: ${b64('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')}`,
      `client-key-data: ${kubeKey}`,
    ]),
    secret: kubeKey,
  },
  {
    name: 'kubeconfig backup (config~)',
    path: '/root/.kube/config~',
    content: kubeconfig([`token: ${kubeToken}`]),
    secret: kubeToken,
  },
  {
    name: 'kubeconfig in JSON (kubectl config view -o json)',
    path: '/app/deploy/kubeconfig.json',
    content: j(
      '{',
      '    "kind": "Config",',
      '    "apiVersion": "v1",',
      '    "users": [',
      '        {',
      '            "name": "deployer",',
      '            "user": {',
      `                "token": "${kubeToken}"`,
      '            }',
      '        }',
      '    ]',
      '}',
    ),
    secret: kubeToken,
  },
  {
    name: 'Maven settings.xml in a CI directory',
    path: '/opt/ci/settings.xml',
    content: j(
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">',
      '  <servers>',
      '    <server>',
      '      <id>nexus</id>',
      '      <username>deploy</username>',
      `      <password>${mavenPassword}</password>`,
      '    </server>',
      '  </servers>',
      '</settings>',
    ),
    secret: mavenPassword,
  },
  {
    name: 'Maven settings.xml with an encrypted password (usable with the master password)',
    path: '/app/.mvn/ci-settings.xml',
    content: j(
      '<settings>',
      '  <servers>',
      '    <server>',
      '      <id>nexus</id>',
      '      <username>deploy</username>',
      `      <password>${mavenEncrypted}</password>`,
      '    </server>',
      '  </servers>',
      '</settings>',
    ),
    secret: mavenEncrypted,
  },
  {
    name: '.pgpass with wildcards, renamed',
    path: '/app/db/pgpass',
    content: j('# app database', `*:*:*:app:${pgPassword}`),
    secret: pgPassword,
  },
  {
    name: '.pgpass backup',
    path: '/root/.pgpass.bak',
    content: j(`db.internal:5432:orders:orders_rw:${pgPassword}`),
    secret: pgPassword,
  },
  {
    name: '.my.cnf [client] with a quoted password, renamed',
    path: '/app/conf/mysql-client.cnf',
    content: j('[client]', 'user = app', `password = "${mysqlPassword}"`, 'host = db.internal'),
    secret: mysqlPassword,
  },
  {
    name: 'AWS credentials with a session token, extensionless copy',
    path: '/opt/ci/aws-credentials',
    content: j(
      '[default]',
      'aws_access_key_id = ASIA' + body(A.upperAlnum, 16, 'places-asia'),
      `aws_secret_access_key = ${awsSecret}`,
      `aws_session_token = ${awsSession}`,
    ),
    secret: awsSecret,
  },
  {
    name: 'AWS credentials backup (credentials~)',
    path: '/root/.aws/credentials~',
    content: j('[prod]', 'aws_access_key_id = AKIA' + body(A.upperAlnum, 16, 'places-akia'), `aws_secret_access_key = ${awsSecret}`),
    secret: awsSecret,
  },
  {
    name: 'rclone config, renamed',
    path: '/app/backup/rclone-prod.conf',
    content: j(
      '[s3-backup]',
      'type = s3',
      'provider = Other',
      'access_key_id = backupuser',
      `secret_access_key = ${rcloneSecret}`,
      'endpoint = https://s3.corp.lan',
    ),
    secret: rcloneSecret,
  },
  {
    name: 's3cmd config, renamed',
    path: '/srv/tools/s3cfg',
    content: j('[default]', 'access_key = backupuser', `secret_key = ${s3Secret}`, 'host_base = s3.corp.lan', 'use_https = True'),
    secret: s3Secret,
  },
  {
    name: 'gcloud application default credentials, renamed',
    path: '/app/secrets/adc.json',
    content: j(
      '{',
      '  "account": "",',
      '  "client_id": "764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com",',
      `  "client_secret": "${gcloudClientSecret}",`,
      '  "quota_project_id": "corp-prod",',
      `  "refresh_token": "${gcloudRefresh}",`,
      '  "type": "authorized_user",',
      '  "universe_domain": "googleapis.com"',
      '}',
    ),
    secret: gcloudRefresh,
  },
  {
    name: 'Google service-account key JSON, renamed',
    path: '/app/keys/deployer.json',
    content: j(
      '{',
      '  "type": "service_account",',
      '  "project_id": "corp-prod",',
      `  "private_key_id": "${body(A.hex, 40, 'places-sa-id')}",`,
      `  "private_key": "${pemJson}",`,
      '  "client_email": "deployer@corp-prod.iam.gserviceaccount.com",',
      '  "client_id": "104123456789012345678",',
      '  "token_uri": "https://oauth2.googleapis.com/token"',
      '}',
    ),
    secret: '',
  },
  {
    name: 'terraform credentials.tfrc.json, renamed',
    path: '/app/terraform/tfc-credentials.json',
    content: j('{', '  "credentials": {', '    "app.terraform.io": {', `      "token": "${tfToken}"`, '    }', '  }', '}'),
    secret: tfToken,
  },
  {
    name: 'composer auth.json http-basic at the project root',
    path: '/var/www/html/auth.json',
    content: j(
      '{',
      '    "http-basic": {',
      '        "repo.packagist.com": {',
      '            "username": "token",',
      `            "password": "${composerPassword}"`,
      '        }',
      '    }',
      '}',
    ),
    secret: composerPassword,
  },
  {
    name: 'composer auth.json github-oauth',
    path: '/var/www/html/auth.json.old',
    content: j('{', '    "github-oauth": {', `        "github.com": "${composerGithub}"`, '    }', '}'),
    secret: composerGithub,
  },
  {
    name: 'composer auth.json gitlab-token',
    path: '/srv/php/composer-auth.json',
    content: j('{', '    "gitlab-token": {', `        "gitlab.corp.lan": "${composerGitlab}"`, '    }', '}'),
    secret: composerGitlab,
  },
  {
    name: 'composer auth.json bearer',
    path: '/srv/php/auth.json',
    content: j('{', '    "bearer": {', `        "repo.corp.lan": "${composerBearer}"`, '    }', '}'),
    secret: composerBearer,
  },
  {
    name: 'htpasswd with bcrypt, in an nginx conf directory without a name that says so',
    path: '/etc/nginx/conf.d/users',
    content: j(`admin:${bcrypt}`, `ops:${bcrypt.slice(0, 20)}${body(A.alnum, 40, 'places-bcrypt2')}`),
    secret: bcrypt,
  },
  {
    name: 'htpasswd with apr1, renamed',
    path: '/etc/apache2/auth/users.passwd',
    content: j(`deploy:${apr1}`),
    secret: apr1,
  },
  {
    name: 'htpasswd with SHA, backup',
    path: '/srv/www/.htpasswd.bak',
    content: j(`monitor:${sha1}`),
    secret: sha1,
  },
  {
    name: '.netrc one line, backup',
    path: '/root/.netrc.old',
    content: j(`machine git.corp.lan login ci password ${netrcPassword}`),
    secret: netrcPassword,
  },
  {
    name: '.netrc multi-line, renamed',
    path: '/app/ci/netrc',
    content: j('machine artifacts.corp.lan', '  login deploy', `  password ${netrcPassword2}`, '', 'default login anonymous password guest@'),
    secret: netrcPassword2,
  },
  {
    name: '.git-credentials, renamed',
    path: '/app/.git-credentials.save',
    content: j(`https://ci-bot:${gitCredPassword}@git.corp.lan`),
    secret: gitCredPassword,
  },
  {
    name: '.git-credentials extensionless copy',
    path: '/srv/ci/git-store',
    content: j(`https://oauth2:${gitCredPassword}@gitlab.corp.lan`),
    secret: gitCredPassword,
  },
  {
    name: '.npmrc backup (.npmrc.old)',
    path: '/app/.npmrc.old',
    content: j('registry=https://npm.corp.lan/', `//npm.corp.lan/:_authToken=${npmAuthToken}`),
    secret: npmAuthToken,
  },
  {
    name: '.npmrc with _password, renamed',
    path: '/srv/ci/npmrc-ci',
    content: j('//npm.corp.lan/:username=ci', `//npm.corp.lan/:_password=${b64(npmPassword)}`, '//npm.corp.lan/:email=ci@corp.lan'),
    secret: b64(npmPassword),
  },
  {
    name: '.pypirc, renamed',
    path: '/srv/ci/pypirc.ini',
    content: j(
      '[distutils]',
      'index-servers =',
      '    corp',
      '',
      '[corp]',
      'repository = https://pypi.corp.lan/',
      'username = ci',
      `password = ${pypiPassword}`,
    ),
    secret: pypiPassword,
  },
  {
    name: 'Kubernetes Secret with data',
    path: '/app/deploy/k8s/db-secret.yaml',
    content: j(
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: db',
      'type: Opaque',
      'data:',
      `  DB_PASSWORD: ${b64(k8sValue)}`,
      `  DB_USER: ${b64('orders')}`,
    ),
    secret: k8sValue,
  },
  {
    name: 'Kubernetes Secret with stringData, quoted',
    path: '/app/deploy/k8s/api.yml',
    content: j('apiVersion: v1', 'kind: Secret', 'metadata:', '  name: api', 'stringData:', `  api-token: "${k8sString}"`),
    secret: k8sString,
  },
  {
    name: 'Kubernetes multi-document YAML: a Deployment, then a Secret',
    path: '/app/deploy/all-in-one.yaml',
    content: j(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  replicas: 2',
      '---',
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: web',
      'data:',
      `  session-key: ${b64(k8sValue)}`,
    ),
    secret: k8sValue,
  },
  {
    name: 'Kubernetes kind: List of Secrets',
    path: '/app/deploy/secrets-list.yaml',
    content: j(
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- apiVersion: v1',
      '  kind: Secret',
      '  metadata:',
      '    name: one',
      '  data:',
      `    password: ${b64(k8sListValue)}`,
      '- apiVersion: v1',
      '  kind: ConfigMap',
      '  metadata:',
      '    name: two',
      '  data:',
      '    LOG_LEVEL: debug',
    ),
    secret: k8sListValue,
  },
  {
    name: 'Kubernetes Secret in JSON',
    path: '/app/deploy/secret.json',
    content: j(
      '{',
      '    "apiVersion": "v1",',
      '    "kind": "Secret",',
      '    "metadata": {',
      '        "name": "api"',
      '    },',
      '    "data": {',
      `        "client-secret": "${b64(k8sJsonValue)}"`,
      '    },',
      '    "type": "Opaque"',
      '}',
    ),
    secret: k8sJsonValue,
  },
  {
    name: 'Kubernetes .dockerconfigjson Secret',
    path: '/app/deploy/pull-secret.yaml',
    content: j(
      'apiVersion: v1',
      'data:',
      `  .dockerconfigjson: ${b64(JSON.stringify({ auths: { 'registry.corp.lan': { username: 'robot', password: 'x', auth: k8sDockerAuth } } }))}`,
      'kind: Secret',
      'metadata:',
      '  name: pull',
      'type: kubernetes.io/dockerconfigjson',
    ),
    secret: k8sDockerAuth,
  },
  {
    name: 'a private key with no extension in a deploy folder',
    path: '/srv/deploy/id_deploy',
    content: pem,
    secret: '',
  },
];

const FILE_NEGATIVES: Draft[] = [
  {
    name: 'Docker config with credHelpers only',
    path: '/app/config/docker.json',
    content: j(
      '{',
      '  "auths": {',
      '    "123456789012.dkr.ecr.eu-west-1.amazonaws.com": {}',
      '  },',
      '  "credHelpers": {',
      '    "123456789012.dkr.ecr.eu-west-1.amazonaws.com": "ecr-login"',
      '  }',
      '}',
    ),
  },
  {
    name: 'Docker config with credsStore and empty auths',
    path: '/root/.docker/config.json',
    content: j('{', '  "auths": {', '    "https://index.docker.io/v1/": {}', '  },', '  "credsStore": "desktop"', '}'),
  },
  {
    name: 'kubeconfig with an exec plugin',
    path: '/srv/deploy/kubeconfig.yaml',
    content: kubeconfig([
      'exec:',
      '  apiVersion: client.authentication.k8s.io/v1beta1',
      '  command: aws',
      '  args:',
      '  - eks',
      '  - get-token',
      '  - --cluster-name',
      '  - prod',
    ]),
  },
  {
    name: 'kubeconfig with a token file',
    path: '/srv/deploy/kubeconfig',
    content: kubeconfig(['tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token']),
  },
  {
    name: 'Maven settings with environment references',
    path: '/opt/ci/settings.xml',
    content: j(
      '<settings>',
      '  <servers>',
      '    <server>',
      '      <id>nexus</id>',
      '      <username>${env.NEXUS_USER}</username>',
      '      <password>${env.NEXUS_PASSWORD}</password>',
      '    </server>',
      '  </servers>',
      '</settings>',
    ),
  },
  {
    name: 'composer auth.json with references',
    path: '/var/www/html/auth.json',
    content: j(
      '{',
      '    "http-basic": {',
      '        "repo.packagist.com": {',
      '            "username": "token",',
      '            "password": "${COMPOSER_TOKEN}"',
      '        }',
      '    }',
      '}',
    ),
  },
  {
    name: 'Kubernetes Secret with a TLS certificate only',
    path: '/app/deploy/tls.yaml',
    content: j(
      'apiVersion: v1',
      'kind: Secret',
      'type: kubernetes.io/tls',
      'data:',
      `  tls.crt: ${b64('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')}`,
    ),
  },
  {
    name: 'Kubernetes ConfigMap with secret-looking keys',
    path: '/app/deploy/config.yaml',
    content: j(
      'apiVersion: v1',
      'kind: ConfigMap',
      'data:',
      '  token_url: https://login.corp.lan/oauth/token',
      '  password_min_length: "12"',
      '  secret_key_ref: db-password',
    ),
  },
  {
    name: '/etc/passwd-like file is not a .pgpass',
    path: '/app/data/users',
    content: j('root:x:0:0:root:/root:/bin/bash', 'app:x:1000:1000::/home/app:/bin/sh'),
  },
  {
    name: 'a .my.cnf [client] with an empty password (prompts)',
    path: '/app/conf/mysql-client.cnf',
    content: j('[client]', 'user = app', 'password =', 'host = db.internal'),
  },
  {
    name: 'an AWS config with profiles only',
    path: '/opt/ci/aws-config',
    content: j(
      '[profile prod]',
      'region = eu-west-1',
      'role_arn = arn:aws:iam::123456789012:role/deploy',
      'source_profile = default',
      'credential_process = /usr/local/bin/aws-vault export --format=json prod',
    ),
  },
  {
    name: 'a gcloud external_account (workload identity) config',
    path: '/app/secrets/wif.json',
    content: j(
      '{',
      '  "type": "external_account",',
      '  "audience": "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/ci/providers/gh",',
      '  "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",',
      '  "token_url": "https://sts.googleapis.com/v1/token",',
      '  "credential_source": {',
      '    "file": "/var/run/secrets/token"',
      '  }',
      '}',
    ),
  },
  {
    name: 'a .netrc template',
    path: '/app/ci/netrc',
    content: j('machine git.corp.lan login ci password ${GIT_TOKEN}'),
  },
  {
    name: 'a .pgpass reading from an environment variable',
    path: '/app/db/pgpass',
    content: j('*:*:*:app:$PGPASSWORD'),
  },
];

// ---------------------------------------------------------------------------------------------
// 2. Encodings and wrapping.

const utf16 = (text: string, bom: boolean, be: boolean): Buffer => {
  const le = Buffer.from((bom ? '\ufeff' : '') + text, 'utf16le');
  return be ? Buffer.from(le).swap16() : le;
};
const encPassword = pw('enc');
const envFile = `# production\r\nDB_HOST=db.internal\r\nDB_PASSWORD=${encPassword}\r\n`;
const liveKey = 'sk_' + 'live_' + tok('minified', 32);
// A bundle on one line far longer than any carry: the key sits deep inside it.
const minified =
  'var a=' +
  JSON.stringify({ x: body(A.alnum, 150_000, 'places-min') }) +
  `;const s=Stripe("${liveKey}");` +
  'function f(n){return n*2}'.repeat(3000);

const ENCODINGS: Draft[] = [
  {
    name: 'UTF-8 with BOM .env',
    path: '/app/.env',
    content: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(envFile)]),
    secret: encPassword,
  },
  { name: 'UTF-16LE with BOM .env', path: '/app/.env.production', content: utf16(envFile, true, false), secret: encPassword },
  { name: 'UTF-16BE with BOM .env', path: '/app/prod.env', content: utf16(envFile, true, true), secret: encPassword },
  { name: 'UTF-16LE without BOM .env', path: '/app/config/.env', content: utf16(envFile, false, false), secret: encPassword },
  { name: 'UTF-16BE without BOM .env', path: '/app/config/.env.local', content: utf16(envFile, false, true), secret: encPassword },
  {
    name: 'UTF-16LE appsettings.json (Visual Studio)',
    path: '/app/appsettings.Production.json',
    content: utf16(
      j('{', '  "ConnectionStrings": {', `    "Default": "Server=db;Database=app;User Id=app;Password=${encPassword};"`, '  }', '}').replace(
        /\n/g,
        '\r\n',
      ),
      true,
      false,
    ),
    secret: encPassword,
  },
  {
    name: 'CRLF YAML',
    path: '/app/config/application.yml',
    content: `spring:\r\n  datasource:\r\n    username: app\r\n    password: ${encPassword}\r\n`,
    secret: encPassword,
  },
  { name: 'a very long minified line', path: '/app/public/main.min.js', content: minified, secret: liveKey },
  {
    name: 'a PEM key whose body is wrapped with spaces',
    path: '/app/config/key.txt',
    content: `-----BEGIN PRIVATE KEY----- ${pemBody.join(' ')} -----END PRIVATE KEY-----\n`,
    secret: '',
  },
  {
    name: 'a PEM key with \\n escapes inside a JSON string',
    path: '/app/config/signing.json',
    content: `{"signing": {"privateKey": "${pemJson}"}}\n`,
    secret: '',
  },
  {
    name: 'a PEM key in a YAML block scalar',
    path: '/app/config/jwt.yaml',
    content:
      'jwt:\n  private_key: |\n' +
      pem
        .split('\n')
        .map((l) => (l === '' ? '' : `    ${l}`))
        .join('\n'),
    secret: '',
  },
  {
    name: 'a PEM key in an env var with literal \\n',
    path: '/app/.env',
    content: `JWT_PRIVATE_KEY="${pemJson}"\n`,
    secret: '',
  },
  {
    name: 'a password in double quotes with escapes (YAML)',
    path: '/app/config/db.yaml',
    content: `database:\n  password: "Zq\\"${body(A.alnum, 10, 'places-esc')}\\\\x"\n`,
    secret: `Zq\\"${body(A.alnum, 10, 'places-esc')}\\\\x`,
  },
  {
    name: 'a password in single quotes with a doubled quote (YAML)',
    path: '/app/config/db2.yaml',
    content: `database:\n  password: 'Zq''${body(A.alnum, 10, 'places-esc2')}'\n`,
    secret: `Zq''${body(A.alnum, 10, 'places-esc2')}`,
  },
  {
    name: 'a Kubernetes Secret value wrapped by base64 at 76 columns',
    path: '/app/deploy/wrapped.yaml',
    content: j(
      'apiVersion: v1',
      'kind: Secret',
      'data:',
      `  service-account.json: ${b64('{"type": "service_account", "private_key": "' + pemJson + '"}')}`,
    ),
    secret: '',
  },
];

// ---------------------------------------------------------------------------------------------
// 3. Structured config and its negatives.

const cfgPassword = pw('config');
const CONFIG: Draft[] = [
  {
    name: 'Spring YAML nested',
    path: '/app/BOOT-INF/classes/application-prod.yml',
    content: `spring:\n  datasource:\n    url: jdbc:postgresql://db:5432/app\n    password: ${cfgPassword}\n`,
    secret: cfgPassword,
  },
  {
    name: 'Spring properties',
    path: '/app/config/application.properties',
    content: `spring.datasource.password=${cfgPassword}\n`,
    secret: cfgPassword,
  },
  { name: 'properties with colon', path: '/app/conf/app.properties', content: `mail.smtp.password: ${cfgPassword}\n`, secret: cfgPassword },
  {
    name: 'XML element',
    path: '/app/conf/server.xml',
    content: `<config>\n  <database>\n    <password>${cfgPassword}</password>\n  </database>\n</config>\n`,
    secret: cfgPassword,
  },
  {
    name: 'XML attribute',
    path: '/app/conf/context.xml',
    content: `<Context>\n  <Resource name="jdbc/app" username="app" password="${cfgPassword}" url="jdbc:mysql://db/app"/>\n</Context>\n`,
    secret: cfgPassword,
  },
  {
    name: '.NET appSettings add key/value',
    path: '/app/Web.config',
    content: `<configuration>\n  <appSettings>\n    <add key="SmtpPassword" value="${cfgPassword}" />\n  </appSettings>\n</configuration>\n`,
    secret: cfgPassword,
  },
  { name: 'INI section', path: '/etc/app/app.ini', content: `[database]\nhost = db\npassword = ${cfgPassword}\n`, secret: cfgPassword },
  { name: 'TOML table', path: '/app/config.toml', content: `[database]\nhost = "db"\npassword = "${cfgPassword}"\n`, secret: cfgPassword },
  { name: 'TOML dotted key', path: '/app/Settings.toml', content: `smtp.password = "${cfgPassword}"\n`, secret: cfgPassword },
  {
    name: 'JSON nested',
    path: '/app/config/production.json',
    content: `{\n  "db": {\n    "password": "${cfgPassword}"\n  }\n}\n`,
    secret: cfgPassword,
  },
  {
    name: 'JSON one line',
    path: '/app/config/prod.json',
    content: `{"smtp":{"host":"mail","auth":{"user":"app","pass":"${cfgPassword}"}}}`,
    secret: cfgPassword,
  },
  { name: '.env', path: '/app/.env', content: `DATABASE_PASSWORD=${cfgPassword}\n`, secret: cfgPassword },
  {
    name: 'shell export',
    path: '/app/bin/start.sh',
    content: `#!/bin/sh\nexport DB_PASSWORD='${cfgPassword}'\nexec node server.js\n`,
    secret: cfgPassword,
  },
  { name: 'Dockerfile ENV', path: '/app/Dockerfile', content: `FROM node:20\nENV API_SECRET=${cfgPassword}\n`, secret: cfgPassword },
  { name: 'Dockerfile ARG', path: '/src/Dockerfile.prod', content: `FROM node:20\nARG NPM_AUTH_TOKEN=${cfgPassword}\n`, secret: cfgPassword },
  {
    name: 'JDBC URL password',
    path: '/app/conf/db.conf',
    content: `url = "jdbc:mysql://db:3306/app?user=app&password=${cfgPassword}"\n`,
    secret: cfgPassword,
  },
  {
    name: 'ODBC connection string',
    path: '/app/odbc.ini',
    content: `[app]\nConnectionString = Driver={ODBC Driver 18 for SQL Server};Server=tcp:db,1433;Database=app;Uid=app;Pwd=${cfgPassword};\n`,
    secret: cfgPassword,
  },
  {
    name: 'ADO.NET connection string in appsettings.json',
    path: '/app/appsettings.json',
    content: `{\n  "ConnectionStrings": {\n    "Db": "Data Source=db;Initial Catalog=app;User ID=app;Password=${cfgPassword};"\n  }\n}\n`,
    secret: cfgPassword,
  },
  {
    name: 'Azure storage AccountKey',
    path: '/app/appsettings.json',
    content: `{"Storage": "DefaultEndpointsProtocol=https;AccountName=corpdata;AccountKey=${body(A.base64, 86, 'places-acct')}==;EndpointSuffix=core.windows.net"}\n`,
    secret: body(A.base64, 86, 'places-acct') + '==',
  },
  {
    name: 'Azure Service Bus SharedAccessKey',
    path: '/app/local.settings.json',
    content: `{"Values": {"Bus": "Endpoint=sb://corp.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${body(A.base64, 43, 'places-sak')}="}}\n`,
    secret: body(A.base64, 43, 'places-sak') + '=',
  },
  {
    name: 'URL with a password in YAML',
    path: '/app/config/cache.yml',
    content: `redis:\n  url: redis://:${cfgPassword}@cache.internal:6379/0\n`,
    secret: cfgPassword,
  },
  {
    name: 'URL with a password in a .conf',
    path: '/etc/app/worker.conf',
    content: `broker_url = amqp://worker:${cfgPassword}@mq.internal:5672//\n`,
    secret: cfgPassword,
  },
  {
    name: 'YAML client_secret',
    path: '/app/config/oauth.yaml',
    content: `oauth:\n  github:\n    client_id: Iv1.8a61f9b3a7aba766\n    client_secret: ${body(A.hex, 40, 'places-cs')}\n`,
    secret: body(A.hex, 40, 'places-cs'),
  },
  {
    name: 'YAML api key under a parent',
    path: '/app/config/services.yaml',
    content: `mailgun:\n  api:\n    key: ${body(A.hex, 32, 'places-mg')}-${body(A.hex, 8, 'places-mg2')}\n`,
    secret: `${body(A.hex, 32, 'places-mg')}-${body(A.hex, 8, 'places-mg2')}`,
  },
];

const CONFIG_NEGATIVES: Draft[] = [
  ...[
    '${DB_PASSWORD}',
    '${DB_PASSWORD:-}',
    '{{ .Values.db.password }}',
    '{{ db_password }}',
    '%(db_password)s',
    '$DB_PASSWORD',
    '<your-password>',
    'changeme',
    'xxxxxxxxxxxx',
    'example',
    'dummy',
    'aaaaaaaaaaaa',
    '************',
    'null',
    'true',
    '""',
    '12',
    '~',
    'ENC(' + body(A.base64, 24, 'places-jasypt') + ')',
    '/run/secrets/db',
  ].map((value, i): Draft => ({
    name: `YAML password: ${value}`,
    path: `/app/config/neg-${i}.yml`,
    content: `db:\n  password: ${value}\n`,
    silent: true,
  })),
  {
    name: 'password_min_length',
    path: '/app/config/policy.yml',
    content: 'security:\n  password_min_length: 12\n  password_max_age_days: 90\n',
    silent: true,
  },
  {
    name: 'token_url',
    path: '/app/config/oauth.yml',
    content: 'oauth:\n  token_url: https://login.corp.lan/oauth/token\n  authorize_url: https://login.corp.lan/oauth/authorize\n',
    silent: true,
  },
  {
    name: 'secret_key_ref',
    path: '/app/deploy/values.yaml',
    content: 'env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db\n        key: password\n',
    silent: true,
  },
  {
    name: 'passwordFile',
    path: '/app/config/db.yml',
    content: 'db:\n  passwordFile: /run/secrets/db\n  password_file: /run/secrets/db\n',
    silent: true,
  },
  {
    name: 'key length and algorithm',
    path: '/app/config/crypto.yml',
    content: 'jwt:\n  secret_length: 64\n  key_size: 2048\n  signing_key_algorithm: RS256\n  token_algorithm: HS512\n',
    silent: true,
  },
  {
    name: 'env var names as values',
    path: '/app/config/env.yml',
    content: 'auth:\n  token_env: API_TOKEN\n  password_variable: DB_PASSWORD\n  secret_name: prod-db-password\n',
    silent: true,
  },
  {
    name: 'booleans and modes',
    path: '/app/config/flags.ini',
    content: '[auth]\nrequire_password = true\ntoken_auth = enabled\nsecret_rotation = off\n',
    silent: true,
  },
  {
    name: 'properties placeholders',
    path: '/app/config/application.properties',
    content: 'spring.datasource.password=${DB_PASSWORD}\nmail.password=\napp.secret=changeme\n',
    silent: true,
  },
  {
    name: 'XML references',
    path: '/app/conf/server.xml',
    content: "<config>\n  <password>${env.DB_PASSWORD}</password>\n  <apiKey>#{systemProperties['api.key']}</apiKey>\n</config>\n",
    silent: true,
  },
  { name: '.env template', path: '/app/.env.example', content: 'DB_PASSWORD=\nAPI_KEY=your-api-key-here\nSECRET_KEY=change-me\n', silent: true },
  { name: '.env references', path: '/app/.env', content: 'DB_PASSWORD=${DB_PASSWORD}\nAPI_KEY=$API_KEY\nSECRET_KEY=\n', silent: true },
  {
    name: 'shell reading a secret',
    path: '/app/bin/entry.sh',
    content: '#!/bin/sh\nexport DB_PASSWORD="$(cat /run/secrets/db)"\nTOKEN=$(vault read -field=token secret/app)\n',
    silent: true,
  },
  {
    name: 'Dockerfile ARG without a default',
    path: '/app/Dockerfile',
    content: 'FROM node:20\nARG NPM_TOKEN\nENV NODE_AUTH_TOKEN=${NPM_TOKEN}\n',
    silent: true,
  },
  {
    name: 'JDBC URL without a password',
    path: '/app/conf/db.properties',
    content: 'url=jdbc:postgresql://db:5432/app?user=app&ssl=true\npassword=${DB_PASS}\n',
    silent: true,
  },
  {
    name: 'connection string with a reference',
    path: '/app/appsettings.json',
    content: '{"ConnectionStrings": {"Db": "Server=db;Database=app;User Id=app;Password=${DB_PASSWORD};"}}\n',
    silent: true,
  },
  {
    name: 'connection string template',
    path: '/app/appsettings.json',
    content: '{"ConnectionStrings": {"Db": "Server=db;Database=app;User Id=app;Password=<password>;"}}\n',
    silent: true,
  },
  {
    name: 'URL with a placeholder password',
    path: '/app/config/cache.yml',
    content: 'redis:\n  url: redis://:${REDIS_PASSWORD}@cache:6379\n  broker: amqp://guest:guest@localhost:5672//\n',
    silent: true,
  },
  {
    name: 'package.json with auth-named dependencies',
    path: '/app/package.json',
    content:
      '{\n  "dependencies": {\n    "passport": "^0.7.0",\n    "@aws-sdk/client-secrets-manager": "^3.500.0",\n    "jsonwebtoken": "9.0.2"\n  }\n}\n',
    silent: true,
  },
  {
    name: 'an i18n file',
    path: '/app/locales/en.json',
    content: '{"password": "Password", "forgot_password": "Forgot your password?", "token_expired": "Your session token expired"}\n',
    silent: true,
  },
  { name: 'nsswitch', path: '/etc/nsswitch.conf', content: 'passwd:         files systemd\nshadow:         files\n', silent: true },
  {
    name: 'GPG key fingerprints',
    path: '/app/Dockerfile',
    content: 'FROM node:20\nENV GPG_KEYS="4ED778F539E3634C779C87C6D7062848A1AB005C 141F07595B7B3FFE74309A937405533BE57C7D57"\n',
    silent: true,
  },
];

// ---------------------------------------------------------------------------------------------
// 4. Cry-wolf: third-party package content, docs and tests, public example values.

const jwtIo =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.' +
  'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.' +
  'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const sdkJwt = [b64('{"alg":"HS256","typ":"JWT"}'), b64('{"sub":"user-42","iat":1700000000}'), body(A.urlSafe, 43, 'places-sdk-jwt')]
  .map((s) => s.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'))
  .join('.');
const handDropped = tok('hand-dropped', 36);

const CRY_WOLF_NEGATIVES: Draft[] = [
  {
    name: 'npm README: redis URL with foobared',
    path: '/app/node_modules/redis/README.md',
    content: '```js\nconst client = createClient({ url: "redis://:' + 'foobared' + '@localhost:6379" });\n```\n',
  },
  {
    name: 'npm README: postgres URL',
    path: '/app/node_modules/pg/README.md',
    content: 'connectionString: "postgres://' + 'someuser:somepassword' + '@somehost:381/somedatabase"\n',
  },
  {
    name: 'npm test file with a password URL',
    path: '/app/node_modules/mysql2/test/common.js',
    content: "const url = 'mysql://" + 'root:' + 'p4ssw0rd_test' + "@127.0.0.1:3306/test';\n",
  },
  { name: 'SDK API example with a JWT', path: '/app/node_modules/twilio/lib/jwt/example.js', content: `const token = "${sdkJwt}";\n` },
  {
    name: 'SDK example JSON',
    path: '/app/node_modules/@google-cloud/storage/samples/config.examples.json',
    content: `{"client_secret": "${body(A.alnum, 24, 'places-sample-cs')}"}\n`,
  },
  {
    name: 'spec file',
    path: '/app/src/auth.spec.ts',
    content: `const password = "${pw('spec')}";\nexpect(login("u", password)).resolves.toBe(true);\n`,
  },
  {
    name: '__tests__ URL password',
    path: '/app/src/__tests__/db.test.js',
    content: "const db = 'postgres://" + 'tester:' + 'Sup3rS3cret9' + "@localhost/test';\n",
  },
  { name: 'examples directory config', path: '/app/examples/config.yml', content: `db:\n  password: ${pw('examples')}\n` },
  { name: 'docs markdown', path: '/app/docs/setup.md', content: '```\nexport DB_PASSWORD=' + pw('docs') + '\n```\n' },
  {
    name: "AWS's documented example keys",
    path: '/app/config/aws.env',
    content: 'AWS_ACCESS_KEY_ID=AKIA' + 'IOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'EXAMPLEKEY\n',
    silent: true,
  },
  {
    name: "AWS's example keys in an INI",
    path: '/app/.aws/credentials',
    content: '[default]\naws_access_key_id = AKIA' + 'IOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'EXAMPLEKEY\n',
    silent: true,
  },
  { name: "jwt.io's sample", path: '/app/src/auth.js', content: `// e.g. Authorization: Bearer ${jwtIo}\n`, silent: true },
  { name: "jwt.io's sample in config", path: '/app/config/auth.yml', content: `auth:\n  token: ${jwtIo}\n` },
  {
    name: 'Firebase sample config',
    path: '/app/src/firebase.js',
    content: 'const firebaseConfig = {\n  apiKey: "AIza' + 'SyDOCAbC123dEf456GhI789jKl01-MnO",\n  authDomain: "myapp.firebaseapp.com"\n};\n',
    silent: true,
  },
  {
    name: "Stripe's documented test key",
    path: '/app/src/pay.js',
    content: "const stripe = require('stripe')('sk_" + 'test_' + "4eC39HqLyjWDarjtT1zdp7dc');\n",
  },
  {
    name: 'pip package test data',
    path: '/usr/local/lib/python3.12/site-packages/requests/tests/test_auth.py',
    content: "URL = 'http://user:" + 'pass1234word' + "@httpbin.org/'\n",
  },
  {
    name: 'gem docs',
    path: '/usr/local/bundle/gems/aws-sdk-core-3.190.0/README.md',
    content: "client = Aws::S3::Client.new(access_key_id: 'AKIA" + "IOSFODNN7EXAMPLE')\n",
  },
  {
    name: 'Go module cache example',
    path: '/root/go/pkg/mod/github.com/lib/pq@v1.10.9/doc.go',
    content: '// connStr := "postgres://' + 'pqgotest:password' + '@localhost/pqgotest?sslmode=verify-full"\n',
  },
  {
    name: 'composer vendor test',
    path: '/var/www/html/vendor/guzzlehttp/guzzle/tests/ClientTest.php',
    content: "$client->get('http://" + 'foo:' + 'barbazqux1' + "@localhost');\n",
  },
  {
    name: 'Maven repository pom',
    path: '/root/.m2/repository/org/postgresql/postgresql/42.7.1/postgresql-42.7.1.pom',
    content: '<properties>\n  <password>' + 'test1234pw' + '</password>\n</properties>\n',
  },
];

const CRY_WOLF_POSITIVES: Draft[] = [
  {
    name: '.npmrc dropped into node_modules',
    path: '/app/node_modules/.npmrc',
    content: `//registry.npmjs.org/:_authToken=${'npm_' + handDropped}\n`,
    secret: 'npm_' + handDropped,
  },
  {
    name: 'docker config dropped into site-packages',
    path: '/usr/local/lib/python3.12/site-packages/.docker/config.json',
    content: `{"auths": {"ghcr.io": {"auth": "${dockerAuth}"}}}\n`,
    secret: dockerAuth,
  },
  {
    name: 'a real key in the app next to docs',
    path: '/app/src/config.js',
    content: `module.exports = { stripeKey: "sk_${'live_'}${tok('live-stripe', 32)}" };\n`,
    secret: `sk_live_${tok('live-stripe', 32)}`,
  },
  {
    name: 'a provider token in a test file stays an error',
    path: '/app/test/fixtures/ci.env',
    content: `STRIPE_KEY=sk_${'live_'}${tok('live-in-test', 32)}\n`,
    secret: `sk_live_${tok('live-in-test', 32)}`,
  },
];

// ---------------------------------------------------------------------------------------------
// 5. A second round, written after the first passed: more tools' files and more ways to hold a value.

const r2 = (seed: string): string => 'Wd7e' + body(A.alnum, 12, `places-r2-${seed}`);
const ROUND_TWO: Draft[] = [
  {
    name: 'docker-compose environment list',
    path: '/srv/app/docker-compose.yml',
    content: j(
      'services:',
      '  db:',
      '    image: postgres:16',
      '    environment:',
      `      - POSTGRES_PASSWORD=${r2('compose')}`,
      '      - POSTGRES_USER=app',
    ),
    secret: r2('compose'),
  },
  {
    name: 'docker-compose environment list, quoted',
    path: '/srv/app/compose.yaml',
    content: j('services:', '  api:', '    environment:', `      - "API_SECRET=${r2('compose-q')}"`),
    secret: r2('compose-q'),
  },
  {
    name: 'Kubernetes Deployment env name/value',
    path: '/app/deploy/deployment.yaml',
    content: j(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '      - name: web',
      '        env:',
      '        - name: LOG_LEVEL',
      '          value: info',
      '        - name: DB_PASSWORD',
      `          value: ${r2('k8s-env')}`,
    ),
    secret: r2('k8s-env'),
  },
  {
    name: 'ECS task definition environment name/value (JSON)',
    path: '/app/deploy/task-definition.json',
    content: j(
      '{',
      '  "containerDefinitions": [',
      '    {',
      '      "environment": [',
      '        {',
      '          "name": "STRIPE_SECRET",',
      `          "value": "${r2('ecs')}"`,
      '        }',
      '      ]',
      '    }',
      '  ]',
      '}',
    ),
    secret: r2('ecs'),
  },
  {
    name: 'Postman environment key/value (one line)',
    path: '/app/postman/prod.postman_environment.json',
    content: `{"values": [{"key": "apiToken", "value": "${r2('postman')}", "enabled": true}]}\n`,
    secret: r2('postman'),
  },
  {
    name: 'Terraform state with a database password',
    path: '/app/infra/terraform.tfstate',
    content: j(
      '{',
      '  "resources": [',
      '    {',
      '      "instances": [',
      '        {',
      '          "attributes": {',
      `            "password": "${r2('tfstate')}",`,
      '            "username": "admin"',
      '          }',
      '        }',
      '      ]',
      '    }',
      '  ]',
      '}',
    ),
    secret: r2('tfstate'),
  },
  {
    name: 'Terraform state backup',
    path: '/app/infra/terraform.tfstate.backup',
    content: j(
      '{',
      '  "outputs": {',
      '    "db_password": {',
      `      "value": "${r2('tfstate-bak')}",`,
      '      "sensitive": true',
      '    }',
      '  }',
      '}',
    ),
    secret: r2('tfstate-bak'),
  },
  {
    name: 'tfvars',
    path: '/app/infra/prod.tfvars',
    content: j('region      = "eu-west-1"', `db_password = "${r2('tfvars')}"`),
    secret: r2('tfvars'),
  },
  {
    name: 'sbt/ivy .credentials',
    path: '/root/.ivy2/.credentials',
    content: j('realm=Sonatype Nexus Repository Manager', 'host=nexus.corp.lan', 'user=deploy', `password=${r2('ivy')}`),
    secret: r2('ivy'),
  },
  {
    name: 'gradle.properties',
    path: '/root/.gradle/gradle.properties',
    content: j('org.gradle.jvmargs=-Xmx2g', 'nexusUsername=deploy', `nexusPassword=${r2('gradle')}`),
    secret: r2('gradle'),
  },
  {
    name: 'Tomcat users XML attributes',
    path: '/usr/local/tomcat/conf/tomcat-users.xml',
    content: j('<tomcat-users>', `  <user username="admin" password="${r2('tomcat')}" roles="manager-gui"/>`, '</tomcat-users>'),
    secret: r2('tomcat'),
  },
  {
    name: 'pip.conf with a password in the index URL',
    path: '/etc/pip.conf',
    content: j('[global]', `index-url = https://ci:${r2('pip')}@pypi.corp.lan/simple`),
    secret: r2('pip'),
  },
  {
    name: '.git/config remote with a token',
    path: '/app/.git/config',
    content: j(
      '[remote "origin"]',
      `\turl = https://x-access-token:${r2('gitcfg')}@git.corp.lan/team/app.git`,
      '\tfetch = +refs/heads/*:refs/remotes/origin/*',
    ),
    secret: r2('gitcfg'),
  },
  {
    name: 'YAML nested under an auth block with a generic leaf',
    path: '/app/config/smtp.yaml',
    content: j('mail:', '  smtp:', '    host: smtp.corp.lan', '    auth:', '      user: app', `      pass: ${r2('smtp')}`),
    secret: r2('smtp'),
  },
  {
    name: '.yarnrc.yml npmAuthToken',
    path: '/app/.yarnrc.yml',
    content: j('npmRegistryServer: "https://npm.corp.lan"', `npmAuthToken: "${r2('yarnrc')}"`),
    secret: r2('yarnrc'),
  },
  {
    name: 'Cargo credentials.toml',
    path: '/usr/local/cargo/credentials.toml',
    content: j('[registries.corp]', `token = "${r2('cargo')}"`),
    secret: r2('cargo'),
  },
  {
    name: 'boto config',
    path: '/etc/boto.cfg',
    content: j('[Credentials]', 'aws_access_key_id = backup', `aws_secret_access_key = ${body(A.base64, 40, 'places-r2-boto')}`),
    secret: body(A.base64, 40, 'places-r2-boto'),
  },
  {
    name: 'Spring bootstrap.yml nested config server password',
    path: '/app/BOOT-INF/classes/bootstrap.yml',
    content: j(
      'spring:',
      '  cloud:',
      '    config:',
      '      uri: https://config.corp.lan',
      '      username: app',
      `      password: '${r2('spring-cloud')}'`,
    ),
    secret: r2('spring-cloud'),
  },
  {
    name: 'a .env with export, quotes and a comment',
    path: '/srv/app/.env.production.local',
    content: j('# generated', `export SESSION_SECRET="${r2('dotenv')}" # rotate monthly`),
    secret: r2('dotenv'),
  },
  {
    name: 'UTF-16LE Windows .ini with CRLF',
    path: '/app/win/settings.ini',
    content: utf16(`[Database]\r\nServer=db\r\nPassword=${r2('utf16ini')}\r\n`, true, false),
    secret: r2('utf16ini'),
  },
  {
    name: 'UTF-16LE kubeconfig without BOM',
    path: '/app/deploy/cluster.kubeconfig',
    content: utf16(kubeconfig([`token: ${body(A.urlSafe, 40, 'places-r2-kube16')}`]), false, false),
    secret: body(A.urlSafe, 40, 'places-r2-kube16'),
  },
];

const ROUND_TWO_NEGATIVES: Draft[] = [
  {
    name: 'docker-compose with secrets files and references',
    path: '/srv/app/docker-compose.yml',
    content: j(
      'services:',
      '  db:',
      '    environment:',
      '      - POSTGRES_PASSWORD_FILE=/run/secrets/db',
      '      - POSTGRES_PASSWORD=${PG_PASSWORD}',
      '      - "API_TOKEN=${API_TOKEN:?required}"',
    ),
    silent: true,
  },
  {
    name: 'Kubernetes env from a secretKeyRef',
    path: '/app/deploy/deployment.yaml',
    content: j(
      'spec:',
      '  containers:',
      '  - name: web',
      '    env:',
      '    - name: DB_PASSWORD',
      '      valueFrom:',
      '        secretKeyRef:',
      '          name: db',
      '          key: password',
      '    - name: LOG_LEVEL',
      '      value: debug',
    ),
    silent: true,
  },
  {
    name: 'Kubernetes env with a descriptive name',
    path: '/app/deploy/deployment.yaml',
    content: j(
      'env:',
      '- name: PASSWORD_MIN_LENGTH',
      '  value: "12"',
      '- name: TOKEN_URL',
      '  value: https://login.corp.lan/token',
      '- name: SECRET_NAME',
      '  value: prod-db',
    ),
    silent: true,
  },
  {
    name: 'GitHub Actions workflow with secrets references',
    path: '/app/.github/workflows/ci.yml',
    content: j(
      'jobs:',
      '  build:',
      '    steps:',
      '      - uses: docker/login-action@v3',
      '        with:',
      '          password: ${{ secrets.REGISTRY_TOKEN }}',
      '          username: ${{ github.actor }}',
    ),
    silent: true,
  },
  {
    name: 'Rails database.yml with ERB',
    path: '/app/config/database.yml',
    content: j('production:', '  adapter: postgresql', "  password: <%= ENV['DATABASE_PASSWORD'] %>"),
    silent: true,
  },
  {
    name: 'Ansible vault value',
    path: '/app/ansible/group_vars/all.yml',
    content: j('db_password: !vault |', '  $ANSIBLE_VAULT;1.1;AES256', '  ' + body(A.hex, 64, 'places-r2-vault')),
    silent: true,
  },
  {
    name: 'Terraform state without sensitive values',
    path: '/app/infra/terraform.tfstate',
    content: j(
      '{',
      '  "resources": [',
      '    {',
      '      "attributes": {',
      '        "password": null,',
      '        "password_length": 16,',
      '        "token_url": "https://login.corp.lan/token"',
      '      }',
      '    }',
      '  ]',
      '}',
    ),
    silent: true,
  },
  {
    name: 'a shell script without extension reading secrets',
    path: '/usr/local/bin/entrypoint',
    content: j('#!/bin/sh', 'set -e', 'PASSWORD="$(cat "$PASSWORD_FILE")"', 'TOKEN=${TOKEN:-}', 'exec "$@"'),
    silent: true,
  },
  {
    name: 'sshd_config and login.defs style settings',
    path: '/etc/ssh/sshd_config',
    content: j(
      'PasswordAuthentication no',
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      'AuthorizedKeysFile .ssh/authorized_keys',
    ),
    silent: true,
  },
  {
    name: 'a LICENSE and AUTHORS-like extensionless file',
    path: '/app/LICENSE',
    content: j(
      'Permission is hereby granted, free of charge, to any person obtaining a copy',
      'Token: see the NOTICE file',
      'Key: value pairs are described below.',
    ),
    silent: true,
  },
  {
    name: 'extensionless JSON preferences with credential-named booleans',
    path: '/app/config/master_preferences',
    content: j('{', '  "credentials_enable_service": false,', '  "credentials_enable_autosignin": false,', '  "password_manager_enabled": true', '}'),
    silent: true,
  },
  {
    name: 'package metadata prose with code (PKG-INFO)',
    path: '/app/vendor/PKG-INFO',
    content: j(
      'Metadata-Version: 2.1',
      'Name: PyJWT',
      '    >>> jwt.decode(encoded, "secret", algorithms=["HS256"])',
      '    >>> jwt.encode(payload, key=private_key, algorithm="RS256")',
    ),
    silent: true,
  },
  {
    name: 'an error message with a sample URL in a bundle',
    path: '/app/dist/server.js',
    content: 'throw new Error("Must be in valid uri format like dotenv://:' + 'key_1234' + '@dotenvx.com/vault/.env.vault");\n',
    silent: true,
  },
  {
    name: 'GitHub Actions permissions',
    path: '/app/.github/workflows/release.yml',
    content: j('permissions:', '  id-token: write', '  contents: read', '  secrets: read'),
    silent: true,
  },
  {
    name: 'translated messages',
    path: '/app/locales/ja.json',
    content: j(
      '{',
      '  "invalid_token": "\u4e88\u671f\u3057\u306a\u3044\u30c8\u30fc\u30af\u30f3\u3067\u3059\u3002",',
      '  "password": "\u30d1\u30b9\u30ef\u30fc\u30c9"',
      '}',
    ),
    silent: true,
  },
  {
    name: 'a Postman collection with variables',
    path: '/app/postman/collection.json',
    content: '{"variable": [{"key": "apiToken", "value": "{{API_TOKEN}}"}, {"key": "baseUrl", "value": "https://api.corp.lan"}]}\n',
    silent: true,
  },
];

// ---------------------------------------------------------------------------------------------
// 6. Round three: more tools' credential files and wrappings.

const r3 = (seed: string): string => 'Pn6c' + body(A.alnum, 14, `places-r3-${seed}`);
const ROUND_THREE: Draft[] = [
  {
    name: 'Rails master.key',
    path: '/app/config/master.key',
    content: body(A.hex, 32, 'places-r3-master') + '\n',
    secret: body(A.hex, 32, 'places-r3-master'),
  },
  {
    name: 's3fs password file',
    path: '/etc/passwd-s3fs',
    content: `backupuser:${body(A.base64, 40, 'places-r3-s3fs')}\n`,
    secret: body(A.base64, 40, 'places-r3-s3fs'),
  },
  {
    name: 'legacy .dockercfg, renamed',
    path: '/srv/ci/dockercfg.json',
    content: `{"registry.corp.lan": {"auth": "${b64('ci:' + r3('dockercfg'))}", "email": "ci@corp.lan"}}\n`,
    secret: b64('ci:' + r3('dockercfg')),
  },
  {
    name: 'podman auth.json',
    path: '/run/containers/0/auth.json',
    content: j('{', '\t"auths": {', '\t\t"quay.io": {', `\t\t\t"auth": "${b64('robot+ci:' + r3('podman'))}"`, '\t\t}', '\t}', '}'),
    secret: b64('robot+ci:' + r3('podman')),
  },
  {
    name: 'yarn v1 .yarnrc auth token',
    path: '/app/.yarnrc',
    content: j('registry "https://npm.corp.lan/"', `"//npm.corp.lan/:_authToken" "${r3('yarnrc1')}"`),
    secret: r3('yarnrc1'),
  },
  {
    name: 'RubyGems credentials',
    path: '/root/.gem/credentials',
    content: j('---', `:rubygems_api_key: ${r3('gem')}`),
    secret: r3('gem'),
  },
  {
    name: 'kubeconfig with an OIDC auth-provider',
    path: '/home/dev/.kube/oidc-config',
    content: kubeconfig([
      'auth-provider:',
      '  config:',
      '    client-id: kubernetes',
      `    client-secret: ${r3('oidc-cs')}`,
      '    idp-issuer-url: https://sso.corp.lan',
      '  name: oidc',
    ]),
    secret: r3('oidc-cs'),
  },
  {
    name: 'Maven proxy password',
    path: '/usr/share/maven-custom/conf/settings.xml',
    content: j(
      '<settings>',
      '  <proxies>',
      '    <proxy>',
      '      <host>proxy.corp.lan</host>',
      '      <username>svc</username>',
      `      <password>${r3('mvn-proxy')}</password>`,
      '    </proxy>',
      '  </proxies>',
      '</settings>',
    ),
    secret: r3('mvn-proxy'),
  },
  {
    name: 'settings-security.xml renamed',
    path: '/opt/ci/maven-security.xml',
    content: j(
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<settingsSecurity>',
      `  <master>{${body(A.base64, 44, 'places-r3-master-mvn')}}</master>`,
      '</settingsSecurity>',
    ),
    secret: `{${body(A.base64, 44, 'places-r3-master-mvn')}}`,
  },
  {
    name: '.my.cnf under [mysqldump] with an unquoted password',
    path: '/root/backup/.my.cnf.bak',
    content: j('[mysqldump]', 'user=backup', `password=${r3('mysqldump')}`),
    secret: r3('mysqldump'),
  },
  {
    name: 'gcloud service account key with a private key in a Kubernetes stringData',
    path: '/app/deploy/gcp-sa.yaml',
    content: j('apiVersion: v1', 'kind: Secret', 'stringData:', `  key.json: '{"type": "service_account", "private_key": "${pemJson}"}'`),
    secret: '',
  },
  {
    name: 'JSON with a password inside an escaped JSON string',
    path: '/app/config/secrets.json',
    content: `{"db": "{\\"user\\": \\"app\\", \\"password\\": \\"${r3('escaped-json')}\\"}"}\n`,
    secret: r3('escaped-json'),
  },
  {
    name: 'properties with a unicode-escaped value',
    path: '/app/config/app.properties',
    content: `db.password=${r3('props')}\\u0021\n`,
    secret: `${r3('props')}\\u0021`,
  },
  {
    name: 'XML with CDATA password',
    path: '/app/conf/datasource.xml',
    content: j('<datasource>', `  <password><![CDATA[${r3('cdata')}]]></password>`, '</datasource>'),
    secret: r3('cdata'),
  },
  {
    name: 'INI with a password containing = and ;',
    path: '/app/conf/app.ini',
    content: j('[db]', `password = "${r3('ini-eq')}=x;y"`),
    secret: `${r3('ini-eq')}=x;y`,
  },
  {
    name: 'a netrc in a CI script heredoc',
    path: '/app/ci/setup.sh',
    content: j('#!/bin/sh', 'cat > ~/.netrc <<EOF', `machine git.corp.lan login ci password ${r3('heredoc')}`, 'EOF'),
    secret: r3('heredoc'),
  },
];

const group = (g: PlaceCase['group'], cases: Draft[]): PlaceCase[] => cases.map((c) => ({ ...c, group: g }));

export const PLACE_POSITIVES: PlaceCase[] = [
  ...group('round-four', ROUND_FOUR_POSITIVES),
  ...group('round-three', ROUND_THREE),
  ...group('round-two', ROUND_TWO),
  ...group('files', FILES),
  ...group('encodings', ENCODINGS),
  ...group('config', CONFIG),
  ...group('cry-wolf', CRY_WOLF_POSITIVES),
];
export const PLACE_NEGATIVES: PlaceCase[] = [
  ...group('round-four', ROUND_FOUR_NEGATIVES),
  ...group('round-two', ROUND_TWO_NEGATIVES),
  ...group('files', FILE_NEGATIVES),
  ...group('config', CONFIG_NEGATIVES),
  ...group('cry-wolf', CRY_WOLF_NEGATIVES),
];
