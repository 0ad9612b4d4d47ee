// Texts that look secret-adjacent but hold no secret: none of them may produce a match.
import { describe, expect, it } from 'vitest';
import { scanValue } from '../../../src/secrets/index.js';
import { kindsIn } from './fixtures.js';

describe('false-positive traps', () => {
  it.each([
    ['code reading os.environ', 'password = os.environ["DB_PASSWORD"]'],
    ['code reading os.getenv', "token = os.getenv('TOKEN')"],
    ['code reading process.env', 'const token = process.env.TOKEN;'],
    ['ruby ENV', "secret = ENV['SECRET']"],
    ['config lookup', 'password = config.get("database", "password")'],
    ['docker secret', 'password=$(cat /run/secrets/db)'],
    ['connection URL without password', 'postgres://db:5432/app'],
    ['user-only URL', 'https://user@host.corp.lan/x'],
    ['URL with variable password', 'https://user:${PASS}@host.corp.lan/x'],
    ['URL with placeholder password', 'https://user:password@host.corp.lan/x'],
    ['URL with masked password', 'https://user:***@host.corp.lan/x'],
    ['URL with format string', "url = 'http://%s:%s@%s/' % (user, pw, host)"],
    ['URL with template', 'url = `https://${user}:${pass}@${host}`'],
    ['URL on a documentation host', 'https://alice:' + 'Zt8qLm2w' + '@example.com/'],
    ['AWS documentation key id', 'aws_access_key_id = AKIA' + 'IOSFODNN7' + 'EXAMPLE'],
    ['AWS documentation secret', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'EXAMPLEKEY'],
    ['npm lockfile integrity', '"integrity": "sha512-' + 'k3J9a1B2'.repeat(10) + 'Zw=="'],
    ['sha1 integrity', 'sha1-' + 'a1b2c3d4e5'.repeat(3) + 'xx='],
    ['UUID', 'id: 123e4567-e89b-12d3-a456-426614174000'],
    ['git commit SHA', 'commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904'],
    ['ssh public key', 'ssh-ed25519 ' + 'AAAAC3NzaC1lZDI1NTE5AAAAI'.repeat(2) + ' user@host'],
    ['certificate', '-----BEGIN CERTIFICATE-----\n' + 'MIIBkTCB+wIJAK'.repeat(10) + '\n-----END CERTIFICATE-----'],
    ['public key', '-----BEGIN PUBLIC KEY-----\n' + 'MFkwEwYHKoZIzj0CAQYI'.repeat(6) + '\n-----END PUBLIC KEY-----'],
    ['multi-host URL with ports', "MultiHostUrl('https://foo.com:123,foo:bar@bar.com/path')"],
    ['sample key from provider docs', '-----BEGIN RSA PRIVATE KEY-----\nEXAMPLE' + 'MIIEowIBAAKCAQEA'.repeat(8) + '\n-----END RSA PRIVATE KEY-----'],
    ['base64 blob', 'data:image/png;base64,' + 'iVBORw0KGgoAAAANSUhEUgAA'.repeat(40)],
  ])('%s', (_, text) => {
    expect(scanValue(text)).toEqual([]);
    expect(kindsIn('/app/src/file.txt', text)).toEqual([]);
  });

  it('does not treat .env templates as .env files', () => {
    const template = 'DB_PASSWORD=Tr0ub4dor-3\nAPI_KEY=k1-k2-k3-k4\n';
    for (const name of ['.env.example', '.env.sample', '.env.template', '.env.dist', 'example.env']) {
      expect(kindsIn(`/app/${name}`, template)).toEqual([]);
    }
  });

  it('reads test-suite results as verdicts, not passwords', () => {
    const log = 'PASS: x86_64\nPASS: i386 code16 2\nXPASS: ld-elf/pr22450\nFAIL: gas/all/weakref1\n';
    for (const name of ['test-summary-amd64', 'test-suite.log', 'binutils.sum']) expect(kindsIn(`/usr/share/doc/binutils/${name}`, log)).toEqual([]);
    // a settings line with the same word is still judged, and so is the same line in a file that says its syntax
    expect(kindsIn('/app/settings', 'PASS=Zt8qLm2wK9')).not.toEqual([]);
    expect(kindsIn('/app/settings.ini', 'PASS: Zt8qLm2wK9')).not.toEqual([]);
  });

  it('keeps source maps quiet', () => {
    const map = JSON.stringify({
      version: 3,
      sources: ['a.ts'],
      sourcesContent: ['const token = process.env.TOKEN;\nconst url = `https://${u}:${p}@h`;'],
      mappings: 'AAAA,SAAS,GAAG,CAAC,'.repeat(500),
    });
    expect(kindsIn('/app/dist/main.js.map', map)).toEqual([]);
  });
});
