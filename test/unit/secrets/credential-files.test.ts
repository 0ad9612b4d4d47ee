// Credential files with a syntax of their own: .npmrc, .pypirc, .netrc, .git-credentials,
// Docker config.json and .env files.
import { describe, expect, it } from 'vitest';
import { fake, kindsIn, scanFile } from './fixtures.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('credential files', () => {
  it('.npmrc auth settings', () => {
    const npmrc = ['registry=https://registry.npmjs.org/', '//npm.corp.lan/:_authToken=' + 'c0rp-t0k3n-77', '_auth=' + b64('u:pw-991'), '//r.lan/:_password=' + b64('pw-2')].join('\n');
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
    const pypirc = '[distutils]\nindex-servers = corp\n\n[corp]\nrepository = https://pypi.corp.lan\nusername = ci\npassword = ' + 'Qz7-pw-1138' + '\n';
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
    // Any other config.json is just JSON.
    expect(kindsIn('/app/config.json', pretty)).toEqual([]);
  });

  it('.env files with secret-named values', () => {
    const env = ['# app settings', 'export DB_PASSWORD="Tr0ub4dor-3"', 'DB_HOST=db', "API_KEY='k1-k2-k3-k4' # prod", 'SECRET_KEY=', 'TOKEN=${TOKEN}', 'PASSWORD_FILE=/run/secrets/pw'].join('\n');
    for (const name of ['/app/.env', '/app/.env.production', '/srv/prod.env', '/app/.env.local']) {
      expect(scanFile(name, env).map((m) => [m.kind, m.line, m.secret])).toEqual([
        ['dotenv-secret', 2, 'Tr0ub4dor-3'],
        ['dotenv-secret', 4, 'k1-k2-k3-k4'],
      ]);
    }
    // The same lines in an ordinary file are not judged by name.
    expect(kindsIn('/app/settings.conf', env)).toEqual([]);
  });
});
