// scanEnv: formats inside env values, secret-named keys, and the env entries that are not secrets.
import { describe, expect, it } from 'vitest';
import { scanEnv, scanValue } from '../../../src/secrets/index.js';
import { fake } from './fixtures.js';

const kinds = (key: string, value: string): string[] => scanEnv(key, value).map((m) => m.kind);

describe('scanEnv', () => {
  it.each([
    ['DB_PASSWORD', 'Tr0ub4dor-3'],
    ['POSTGRES_PASSWORD', 'hunter22'],
    ['MYSQL_ROOT_PASSWD', 'r00t-pw-9'],
    ['APP_SECRET', 'f00dfeed-cafe'],
    ['SESSION_SECRET_KEY', 'zq8-Lp2-Vn7'],
    ['API_KEY', 'k1-k2-k3-k4'],
    ['WEATHER_APIKEY', '8c2e19ab77'],
    ['ACCESS_KEY', 'ak-7731-xz'],
    ['JWT_PRIVATE_KEY', 'k3y.v4l.ue9'],
    ['SERVICE_CREDENTIALS', 'svc:pw-442'],
    ['AUTH_TOKEN', 'tkn_4412_zz'],
    ['authToken', 'tkn_4412_zz'],
    ['BASIC_AUTH', 'admin:Pa55-word'],
  ])('secret-named %s', (key, value) => {
    expect(scanEnv(key, value)).toEqual([{ kind: 'secret-named-env', title: 'Secret in environment variable', secret: value, line: 1 }]);
  });

  it('names the format when the value has one', () => {
    expect(kinds('GITHUB_TOKEN', fake.github())).toEqual(['github-token']);
    expect(kinds('AWS_SECRET_ACCESS_KEY', fake.awsSecret())).toEqual(['aws-secret-access-key']);
    expect(kinds('AWS_ACCESS_KEY_ID', fake.awsKeyId())).toEqual(['aws-access-key-id']);
    expect(kinds('DATABASE_URL', 'mysql://app:' + 'Qx7' + '-pw-81@db/app')).toEqual(['url-credentials']);
    expect(kinds('SOME_SETTING', fake.npm())).toEqual(['npm-token']);
  });

  it.each([
    ['GPG_KEY', 'A4A9406876FCBD3C456770C88C718D3B5072E1F5'],
    ['GPG_KEYS', 'A4A9406876FCBD3C456770C88C718D3B5072E1F5 B9E2F5981AA6E0CD28160D9FF13993A75599653C'],
    ['SIGNING_KEY', 'A4A9406876FCBD3C456770C88C718D3B5072E1F5'],
    ['PYTHON_SHA256', 'a4a9406876fcbd3c456770c88c718d3b5072e1f5a4a9406876fcbd3c456770c8'],
    ['NODE_CHECKSUM', 'sha256:0123abcd'],
    ['TOKEN_VERSION', '2.4.1'],
    ['AUTH_URL', 'https://auth.corp.lan/oauth/token'],
    ['SECRET_PATH', '/var/lib/app/secret'],
    ['PASSWORD_FILE', '/run/secrets/x'],
    ['TOKEN_FILE', 'token.txt'],
    ['SECRETS_DIR', '/run/secrets'],
    ['CLIENT_SECRET_NAME', 'prod-client'],
    ['AWS_ACCESS_KEY_ID', 'AKIA' + 'IOSFODNN7' + 'EXAMPLE'],
    ['AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'EXAMPLEKEY'],
    ['PWD', '/app'],
    ['PASSWORD_MIN_LENGTH', '12'],
    ['AUTH_ENABLED', 'true'],
    ['GIT_AUTHOR_NAME', 'Jane Doe'],
    ['TOKENIZERS_PARALLELISM', 'false'],
    ['DB_PASSWORD', ''],
    ['DB_PASSWORD', 'changeme'],
    ['DB_PASSWORD', 'change-me'],
    ['DB_PASSWORD', 'password'],
    ['APP_SECRET', 'secret'],
    ['API_TOKEN', 'xxxxxxxxxxxx'],
    ['API_TOKEN', 'XXX'],
    ['DB_PASSWORD', '${DB_PASSWORD}'],
    ['DB_PASSWORD', '$DB_PASSWORD'],
    ['DB_PASSWORD', '{{ db_password }}'],
    ['DB_PASSWORD', '<set-me>'],
    ['DB_PASSWORD', '****'],
    ['DB_PASSWORD', 'TODO'],
    ['DB_PASSWORD', 'none'],
    ['DB_PASSWORD', 'null'],
    ['DB_PASSWORD', 'example'],
    ['DB_PASSWORD', 'dummy'],
    ['API_KEY', 'your-api-key-here'],
    ['API_KEY', 'REPLACE_ME'],
    ['DB_PASSWORD', '$(cat /run/secrets/db)'],
    ['DB_PASSWORD', 'os.environ["DB_PASSWORD"]'],
    ['TOKEN', "os.getenv('TOKEN')"],
    ['TOKEN', 'process.env.TOKEN'],
    ['SECRET', "ENV['SECRET']"],
    ['DB_PASSWORD', 'config.get("db.password")'],
    ['API_TOKEN', 'Please set this to your token before deploying'],
    ['REGISTRY_AUTH', 'postgres://db:5432/app'],
  ])('not a secret: %s=%s', (key, value) => {
    expect(scanEnv(key, value)).toEqual([]);
  });
});

describe('scanValue assignments', () => {
  it('finds build args and ENV assignments in history lines', () => {
    const line = '|2 NPM_TOKEN=' + 'abc-123-def' + ' VERSION=1.2 /bin/sh -c npm ci';
    expect(scanValue(line)).toEqual([{ kind: 'secret-assignment', title: 'Secret-named assignment', secret: 'abc-123-def', line: 1 }]);
    expect(scanValue('ENV DB_PASSWORD=' + 'Tr0ub4dor-3').map((m) => m.secret)).toEqual(['Tr0ub4dor-3']);
    expect(scanValue('mysql --password=' + 'Tr0ub4dor-3' + ' -e "select 1"').map((m) => m.secret)).toEqual(['Tr0ub4dor-3']);
  });

  it('ignores references, files and placeholders in history lines', () => {
    expect(scanValue('RUN export PASSWORD=$(cat /run/secrets/db) && ./setup')).toEqual([]);
    expect(scanValue('RUN ./configure --with-password-file=/etc/pw --token=${TOKEN}')).toEqual([]);
    expect(scanValue('/bin/sh -c #(nop)  ENV PASSWORD_FILE=/run/secrets/x')).toEqual([]);
    expect(scanValue('RUN echo "password=changeme" > /etc/app.conf')).toEqual([]);
    expect(scanValue('ARG TOKEN')).toEqual([]);
  });
});
