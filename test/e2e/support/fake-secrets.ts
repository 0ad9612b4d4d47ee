// Credentials that are structurally real but random per run: nothing secret-looking is committed to the repo.
import { randomBytes } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlnum(length: number, alphabet = ALNUM): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}

export function fakeSecrets() {
  return {
    githubToken: `ghp_${randomAlnum(36)}`,
    npmToken: `npm_${randomAlnum(36)}`,
    awsAccessKeyId: `AKIA${randomAlnum(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
    awsSecretKey: randomAlnum(40),
    slackToken: `xoxb-${randomAlnum(11, '0123456789')}-${randomAlnum(12, '0123456789')}-${randomAlnum(24)}`,
    dbPassword: randomAlnum(20),
    privateKey: [
      '-----BEGIN RSA PRIVATE KEY-----',
      ...Array.from({ length: 12 }, () => randomBytes(48).toString('base64')),
      '-----END RSA PRIVATE KEY-----',
      '',
    ].join('\n'),
  };
}

export type FakeSecrets = ReturnType<typeof fakeSecrets>;

/** Every raw value that must never appear in any output. */
export function secretValues(secrets: FakeSecrets): string[] {
  const body = secrets.privateKey.split('\n').slice(1, -2);
  return [secrets.githubToken, secrets.npmToken, secrets.awsSecretKey, secrets.slackToken, secrets.dbPassword, secrets.awsAccessKeyId, ...body];
}
