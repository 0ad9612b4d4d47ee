// The keyword-context builder behind the unprefixed provider formats: which key spellings and
// assignment forms it accepts, and what it refuses.
import { describe, expect, it } from 'vitest';
import { anyCase, keyedPattern, providerKeywords } from '../../../../src/secrets/formats/keyed.js';

const VALUE = 'Zq3xW8rT5yU1';
const pattern = keyedPattern(['acme'], ['secret', 'api_token'], '[A-Za-z0-9]{12}');

/** The secret the pattern reads when tried where the provider name starts, or undefined. */
function secretIn(line: string): string | undefined {
  pattern.lastIndex = line.search(/acme/i);
  return pattern.exec(line)?.groups?.['secret'];
}

describe('anyCase', () => {
  it('accepts every case convention of a key', () => {
    const re = new RegExp(`^${anyCase('api_token')}$`);
    for (const key of ['API_TOKEN', 'api_token', 'apiToken', 'ApiToken', 'api-token', 'api.token', 'apitoken']) expect(key).toMatch(re);
    expect('api__token').not.toMatch(re);
  });
});

describe('providerKeywords', () => {
  it('gives the upper, lower and capitalised spellings', () => {
    expect(providerKeywords(['acme']).sort()).toEqual(['ACME', 'Acme', 'acme']);
  });
});

describe('keyedPattern', () => {
  it.each([
    `ACME_SECRET=${VALUE}`,
    `export ACME_CLIENT_SECRET="${VALUE}"`,
    `acmeApiToken: '${VALUE}'`,
    `"acme_api_token": "${VALUE}"`,
    `ENV ACME_SECRET ${VALUE}`,
    `acme.secret=${VALUE}`,
    `os.setenv("ACME_SECRET", "${VALUE}")`,
    `<acmeSecret>${VALUE}</acmeSecret>`,
    `config["acme_secret"] = "${VALUE}"`,
    `$acme_secret ||= '${VALUE}'`,
    `acmeSecret := \`${VALUE}\``,
  ])('reads the value of %s', (line) => {
    expect(secretIn(line)).toBe(VALUE);
  });

  it.each([
    [`ACME_SECRET=${VALUE}X`, 'a longer value'],
    [`ACME_REGION=${VALUE}`, 'a key that is not a secret'],
    [`ACME_SECRET=${VALUE.slice(1)}`, 'a shorter value'],
    [`ACME_SECRET=${VALUE}/more`, 'a value running on into a path'],
  ])('refuses %s (%s)', (line) => {
    expect(secretIn(line)).toBeUndefined();
  });
});
