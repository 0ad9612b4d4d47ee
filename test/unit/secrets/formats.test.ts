// Every token format: a positive in free text and a near miss that must stay silent.
import { describe, expect, it } from 'vitest';
import { scanValue } from '../../../src/secrets/index.js';
import { fake } from './fixtures.js';

const kinds = (text: string): string[] => scanValue(text).map((m) => m.kind);
const secrets = (text: string): string[] => scanValue(text).map((m) => m.secret);

describe('token formats', () => {
  const positives: [string, string, string][] = [
    ['aws-access-key-id', `aws_access_key_id = ${fake.awsKeyId()}`, fake.awsKeyId()],
    ['aws-access-key-id', `"AccessKeyId": "${fake.awsTempKeyId()}"`, fake.awsTempKeyId()],
    ['aws-secret-access-key', `aws_secret_access_key = ${fake.awsSecret()}`, fake.awsSecret()],
    ['aws-secret-access-key', `export AWS_SECRET_ACCESS_KEY="${fake.awsSecret()}"`, fake.awsSecret()],
    ['aws-secret-access-key', `{"SecretAccessKey": "${fake.awsSecret()}"}`, fake.awsSecret()],
    ['github-token', `git clone https://x-access-token:${fake.github()}@github.com/o/r`, fake.github()],
    ['github-token', `token: ${fake.githubOauth()}`, fake.githubOauth()],
    ['github-token', `GH=${fake.githubFineGrained()};`, fake.githubFineGrained()],
    ['gitlab-token', `PRIVATE-TOKEN: ${fake.gitlab()}`, fake.gitlab()],
    ['slack-token', `SLACK=${fake.slackBot()}`, fake.slackBot()],
    ['slack-webhook', `curl -X POST ${fake.slackWebhook()}`, fake.slackWebhook().replace('https://', '')],
    ['stripe-secret-key', `stripe.api_key = "${fake.stripeLive()}"`, fake.stripeLive()],
    ['stripe-secret-key', `key ${fake.stripeRestricted()}`, fake.stripeRestricted()],
    ['stripe-test-key', `key=${fake.stripeTest()}`, fake.stripeTest()],
    ['npm-token', `//registry.npmjs.org/:_authToken=${fake.npm()}`, fake.npm()],
    ['pypi-token', `twine upload -p ${fake.pypi()}`, fake.pypi()],
    ['google-api-key', `maps?key=${fake.google()}&v=3`, fake.google()],
    ['jwt', `Authorization: Bearer ${fake.jwt()}`, fake.jwt()],
    ['url-credentials', 'DATABASE_URL=postgres://app:' + 'Zt8q' + 'Lm2w@db.internal:5432/app', 'Zt8qLm2w'],
    ['url-credentials', 'amqp://guest:' + 's3cr' + 'et-9f2@rabbit/', 's3cret-9f2'],
    ['url-credentials', 'https://deploy:p@ss' + 'w0rd!x@git.corp.lan/repo.git', 'p@ssw0rd!x'],
  ];
  it.each(positives)('%s in %s', (kind, text, secret) => {
    const found = scanValue(text);
    expect(found.map((m) => m.kind)).toEqual([kind]);
    expect(found[0]?.secret).toBe(secret);
    expect(found[0]?.line).toBe(1);
  });

  const nearMisses: [string, string][] = [
    ['aws key id too short', 'AKIA' + 'Q7X2M4N6P8R3T5V'],
    ['aws key id lower case', 'AKIA' + 'q7x2m4n6p8r3t5v9'],
    ['aws key id glued to a word', 'XAKIA' + 'Q7X2M4N6P8R3T5V9'],
    ['aws secret without its keyword', `value = ${fake.awsSecret()}`],
    ['aws secret keyword with a hash', `aws_secret_access_key = ${'a1b2c3d4e5'.repeat(4)}`],
    ['github token too short', 'ghp_' + 'a1B2'.repeat(8)],
    ['github token too long', 'ghp_' + 'a1B2'.repeat(10)],
    ['github unknown prefix', 'ghx_' + 'a1B2'.repeat(9)],
    ['github filler', 'ghp_' + 'x'.repeat(36)],
    ['gitlab too short', 'glpat-' + 'Ab3De5Gh7Jk9'],
    ['slack docs placeholder', 'xoxb-' + 'your-bot-token-here'],
    ['slack webhook without secret part', 'https://hooks.slack.com/services/' + 'T0ABC1234/'],
    ['stripe too short', 'sk_' + 'live_' + 'a1B2c3'],
    ['npm config variable', 'npm_' + 'config_cache=/tmp/npm'],
    ['npm too short', 'npm_' + 'k3J9'.repeat(8)],
    ['pypi without macaroon', 'pypi-' + 'hello-world-package'],
    ['google too short', 'AIza' + 'SyA1b2C3d4'],
    ['jwt whose header is not JSON', 'eyJ' + 'hbGciOi'.repeat(3) + '.eyJ' + 'zdWIiOi'.repeat(3) + '.' + 'c2ln'.repeat(5)],
    ['jwt without registered claims (docs example)', fake.jwt({ some: 'payload' })],
    ['jwt.io sample', fake.jwt({ sub: '1234567890', name: 'John Doe', iat: 1516239022 })],
    ['url without password', 'postgres://db:5432/app'],
    ['url with user only', 'https://user@host.corp/path'],
  ];
  it.each(nearMisses)('near miss: %s', (_, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it('reports each secret once with the most specific kind', () => {
    const text = `https://user:${fake.github()}@github.com and again ${fake.github()}`;
    expect(scanValue(text)).toEqual([{ kind: 'github-token', title: 'GitHub token', secret: fake.github(), line: 1 }]);
  });

  it('numbers lines in multi-line values', () => {
    const found = scanValue(`first\nsecond ${fake.npm()}\nthird ${fake.gitlab()}`);
    expect(found.map((m) => [m.kind, m.line])).toEqual([
      ['npm-token', 2],
      ['gitlab-token', 3],
    ]);
    expect(secrets(`a ${fake.npm()} b ${fake.npm()}`)).toEqual([fake.npm()]);
  });

  it('runs every rule that shares a keyword at the same position', () => {
    const token = 'Zq8' + 'Lm2Vn7Xc4Bt6Hy1Pw3Er5Ty7Ui9Op1As3Df5G';
    const key = '0a1b2c3d4e5f' + '60718293a4b5c6d7e8f90a1b2';
    expect(scanValue(`CLOUDFLARE_API_TOKEN: ${token}\nCLOUDFLARE_API_KEY: ${key}`).map((m) => [m.kind, m.secret])).toEqual([
      ['cloudflare-api-token', token],
      ['cloudflare-global-api-key', key],
    ]);
  });
});
