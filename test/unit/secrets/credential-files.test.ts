// Credential files with a syntax of their own: .npmrc, .pypirc, .netrc, .git-credentials,
// Docker config.json, .env files, kubeconfig, .pgpass, Maven settings.xml and htpasswd.
import { describe, expect, it } from 'vitest';
import { fake, kindsIn, scanFile } from './fixtures.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('credential files', () => {
  it('.npmrc auth settings', () => {
    const npmrc = [
      'registry=https://registry.npmjs.org/',
      '//npm.corp.lan/:_authToken=' + 'c0rp-t0k3n-77',
      '_auth=' + b64('u:pw-991'),
      '//r.lan/:_password=' + b64('pw-2'),
    ].join('\n');
    const found = scanFile('/root/.npmrc', npmrc);
    expect(found.map((m) => [m.kind, m.line, m.secret])).toEqual([
      ['npmrc-auth', 2, 'c0rp-t0k3n-77'],
      ['npmrc-auth', 3, b64('u:pw-991')],
      ['npmrc-auth', 4, b64('pw-2')],
    ]);
    expect(kindsIn('/home/node/.npmrc', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n_auth=\n')).toEqual([]);
    expect(kindsIn('/root/.npmrc', `//registry.npmjs.org/:_authToken=${fake.npm()}`)).toEqual(['npm-token']);
  });

  it('.pypirc passwords', () => {
    const pypirc =
      '[distutils]\nindex-servers = corp\n\n[corp]\nrepository = https://pypi.corp.lan\nusername = ci\npassword = ' + 'Qz7-pw-1138' + '\n';
    expect(scanFile('/root/.pypirc', pypirc).map((m) => [m.kind, m.line])).toEqual([['pypirc-password', 7]]);
    expect(kindsIn('/root/.pypirc', '[pypi]\nusername = __token__\npassword = <your-token>\n')).toEqual([]);
    expect(kindsIn('/root/.pypirc', `[pypi]\nusername = __token__\npassword = ${fake.pypi()}\n`)).toEqual(['pypi-token']);
  });

  it('.netrc passwords, on one line or several', () => {
    const netrc = 'machine api.corp.lan login ci password ' + 'n3trc-pw-1' + '\nmachine b.lan\n  login x\n  password\n  ' + 'n3trc-pw-2' + '\n';
    expect(scanFile('/root/.netrc', netrc).map((m) => [m.kind, m.line, m.secret])).toEqual([
      ['netrc-password', 1, 'n3trc-pw-1'],
      ['netrc-password', 5, 'n3trc-pw-2'],
    ]);
    expect(kindsIn('/root/.netrc', 'machine a login b password changeme\n# password hunter2 in a comment\n')).toEqual([]);
  });

  it('.git-credentials URLs', () => {
    const creds = 'https://ci:' + 'g1t-pw-55' + '@git.corp.lan\nhttps://anon@git.corp.lan\n';
    expect(scanFile('/root/.git-credentials', creds).map((m) => [m.kind, m.secret])).toEqual([['git-credentials', 'g1t-pw-55']]);
    expect(kindsIn('/root/.git-credentials', `https://x:${fake.github()}@github.com\n`)).toEqual(['github-token']);
  });

  it('Docker config.json, pretty-printed or on one line', () => {
    const auth = b64('ci:' + 'd0cker-pw-3');
    const pretty = `{\n  "auths": {\n    "registry.corp.lan": {\n      "auth": "${auth}"\n    }\n  }\n}\n`;
    expect(scanFile('/root/.docker/config.json', pretty).map((m) => [m.kind, m.line, m.secret])).toEqual([['docker-config-auth', 4, auth]]);
    const oneLine = `{"auths":{"a.lan":{"auth":"${auth}"},"b.lan":{"identitytoken":"${'id-t0k3n-'.repeat(3)}"}}}`;
    expect(kindsIn('/home/u/.docker/config.json', oneLine)).toEqual(['docker-config-auth', 'docker-config-auth']);
    expect(kindsIn('/root/.docker/config.json', '{"auths": {"a.lan": {"auth": ""}}, "credsStore": "desktop"}')).toEqual([]);
    expect(kindsIn('/root/.docker/config.json', '{"auths": {"a.lan": {"auth": "bm90LWEtbG9naW4="}}}')).toEqual([]);
    // Found by its content wherever it sits: a copied config.json, any JSON with "auths".
    expect(kindsIn('/app/config.json', pretty)).toEqual(['docker-config-auth']);
    expect(kindsIn('/srv/registry-login', oneLine)).toEqual(['docker-config-auth', 'docker-config-auth']);
    expect(kindsIn('/app/config.json', '{"auths": {}, "credsStore": "pass"}\n')).toEqual([]);
  });

  it('.env files with secret-named values', () => {
    const env = [
      '# app settings',
      'export DB_PASSWORD="Tr0ub4dor-3"',
      'DB_HOST=db',
      "API_KEY='k1-k2-k3-k4' # prod",
      'SECRET_KEY=',
      'TOKEN=${TOKEN}',
      'PASSWORD_FILE=/run/secrets/pw',
    ].join('\n');
    for (const name of ['/app/.env', '/app/.env.production', '/srv/prod.env', '/app/.env.local']) {
      expect(scanFile(name, env).map((m) => [m.kind, m.line, m.secret])).toEqual([
        ['dotenv-secret', 2, 'Tr0ub4dor-3'],
        ['dotenv-secret', 4, 'k1-k2-k3-k4'],
      ]);
    }
    // The same lines in a text file are not judged by name; in a config file they are config values.
    expect(kindsIn('/app/settings.txt', env)).toEqual([]);
    expect(kindsIn('/app/settings.conf', env)).toEqual(['secret-config-value', 'secret-config-value']);
  });

  it('kubeconfig: which paths are parsed', () => {
    const config = 'users:\n- name: ci\n  user:\n    token: ' + 'kube-' + 'Zq8Lm2Vn7Xc4Bt6Hy1Pw' + '\n';
    for (const path of [
      '/root/.kube/config',
      '/home/ci/.kube/config',
      '/etc/kubernetes/admin.conf',
      '/etc/kubernetes/kubelet.conf',
      '/etc/rancher/k3s/k3s.yaml',
      '/srv/prod.kubeconfig',
      '/app/kubeconfig-staging.yaml',
    ]) {
      expect(kindsIn(path, config), path).toEqual(['kubeconfig-credential']);
    }
    for (const path of ['/app/pkg/kubeconfig.go', '/docs/kubeconfig.md']) expect(kindsIn(path, config), path).toEqual([]);
    // Elsewhere, a YAML file is a kubeconfig by its content; without the markers its token is a config value.
    expect(kindsIn('/app/config.yaml', config)).toEqual(['secret-config-value']);
    expect(kindsIn('/app/cluster.yaml', 'apiVersion: v1\nclusters:\n- name: c\nkind: Config\n' + config)).toEqual(['kubeconfig-credential']);
  });

  it('kubeconfig: password and auth-provider secrets, quoted or not', () => {
    const config = [
      'users:',
      '- name: basic',
      '  user:',
      '    username: admin',
      "    password: 'kube-pw-" + '7731Zx' + "'",
      '- name: oidc',
      '  user:',
      '    auth-provider:',
      '      config:',
      '        client-secret: "oidc-' + 'Qw3Er5Ty7' + '"',
    ].join('\n');
    expect(scanFile('/root/.kube/config', config).map((m) => [m.line, m.secret])).toEqual([
      [5, 'kube-pw-7731Zx'],
      [10, 'oidc-Qw3Er5Ty7'],
    ]);
  });

  it('.pgpass: the fifth field, with escaped colons', () => {
    const pgpass = 'db.lan:5432:app:svc\\:ro:pa\\:ss-' + 'Wq71' + '\n*:*:*:postgres:' + 'Pg-' + 'Rt5Yu8' + '\n';
    expect(scanFile('/var/lib/postgresql/.pgpass', pgpass).map((m) => [m.line, m.secret])).toEqual([
      [1, 'pa\\:ss-Wq71'],
      [2, 'Pg-Rt5Yu8'],
    ]);
  });

  it('Maven settings.xml: passwords and passphrases, encrypted values as warnings, not comments or references', () => {
    const settings = [
      '<settings><!-- <password>commented-out</password> --><servers>',
      '<server><id>a</id><password>' + 'mvn-' + 'Lk8Jh6' + '</password></server>',
      '<server><id>b</id><privateKey>/k</privateKey><passphrase>' + 'pp-' + 'Df4Sa2' + '</passphrase></server>',
      '<server><id>c</id><password>{' + 'COQLCE6DU6GtcS5P' + '=}</password></server>',
      '<server><id>d</id><password>${env.MVN_PW}</password></server>',
      '</servers></settings>',
    ].join('\n');
    expect(scanFile('/root/.m2/settings.xml', settings).map((m) => [m.line, m.title, m.secret, m.severity ?? 'error'])).toEqual([
      [2, 'Password in Maven settings.xml', 'mvn-Lk8Jh6', 'error'],
      [3, 'Key passphrase in Maven settings.xml', 'pp-Df4Sa2', 'error'],
      // settings-security.xml's master password (encrypted with a public key) decrypts it
      [4, 'Encrypted password in Maven settings.xml (decryptable with settings-security.xml)', '{COQLCE6DU6GtcS5P=}', 'warning'],
    ]);
    const three = ['maven-settings-password', 'maven-settings-password', 'maven-settings-password'];
    expect(kindsIn('/usr/share/maven/conf/settings.xml', settings)).toEqual(three);
    // Recognised by its <settings> root anywhere; other XML is judged by element names.
    expect(kindsIn('/app/src/main/resources/settings.xml', settings)).toEqual(three);
    expect(kindsIn('/app/pom.xml', '<project><!-- <settings> --><password>${env.PW}</password></project>\n')).toEqual([]);
  });

  it('htpasswd: every hash format, as warnings', () => {
    const salt = 'Ab3De5Gh';
    const lines = [
      'apr:$apr1$' + salt + '$' + 'Xy7Wv5Ut3Sr1Qp9On7Ml5K',
      'bcrypt:$2y$10$' + 'Ab3De5Gh7Jk9Mn1Pq3Rs5Tu7Vw9Xy1Za3Bc5De7Fg9Hi1Jk3Lm5No',
      'sha:{SHA}' + 'Wq3Er5Ty7Ui9Op1As3Df5Gh7Jk9' + '=',
      'crypt:' + 'Rt5Yu7Io9Pa1S',
      '# comment:$apr1$x$y',
    ].join('\n');
    const found = scanFile('/etc/apache2/.htpasswd', lines);
    expect(found.map((m) => [m.kind, m.line, m.severity])).toEqual([
      ['htpasswd-hash', 1, 'warning'],
      ['htpasswd-hash', 2, 'warning'],
      ['htpasswd-hash', 3, 'warning'],
      ['htpasswd-hash', 4, 'warning'],
    ]);
    expect(kindsIn('/etc/nginx/conf.d/site.htpasswd', lines)).toHaveLength(4);
    expect(kindsIn('/app/users.txt', lines)).toEqual([]);
  });
});
