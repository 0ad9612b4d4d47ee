// Private key blocks: every PEM flavour, encrypted variants, and the public material that must not match.
import { describe, expect, it } from 'vitest';
import { scanValue } from '../../../src/secrets/index.js';
import { kindsIn, opensshKey, pemKey, scanFile } from './fixtures.js';

describe('private keys', () => {
  it('finds a PKCS8 key; the secret is the whole block', () => {
    const key = pemKey('pkcs8');
    const found = scanFile('/app/key.pem', `# deploy key\n${key}trailer\n`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'private-key', line: 2, secret: key.trimEnd() });
  });

  it('finds SEC1 (EC PRIVATE KEY) and OpenSSH keys', () => {
    expect(kindsIn('/k', pemKey('sec1'))).toEqual(['private-key']);
    expect(kindsIn('/root/.ssh/id_ed25519', opensshKey('none'))).toEqual(['private-key']);
  });

  it('reports encrypted keys as their own kind', () => {
    expect(kindsIn('/k', pemKey('encrypted'))).toEqual(['private-key-encrypted']);
    expect(kindsIn('/root/.ssh/id_rsa', opensshKey('aes256-ctr'))).toEqual(['private-key-encrypted']);
    const legacy = pemKey('sec1').replace('-----\n', '-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n');
    expect(kindsIn('/k', legacy)).toEqual(['private-key-encrypted']);
  });

  it('finds a key stored with escaped newlines (JSON, env values)', () => {
    const key = pemKey('pkcs8').trimEnd().replace(/\n/g, '\\n');
    const found = scanValue(`{"private_key": "${key}\\n", "client_email": "x@y"}`);
    expect(found.map((m) => m.kind)).toEqual(['private-key']);
    expect(found[0]?.secret).toBe(key);
  });

  it('reports a key whose END never comes, bounded to its valid body', () => {
    const key = pemKey('pkcs8');
    const truncated = key.slice(0, key.indexOf('-----END'));
    const found = scanFile('/k', `${truncated}not base64 at all!\n${'filler line\n'.repeat(50)}`);
    expect(found).toHaveLength(1);
    expect(found[0]?.secret).toBe(truncated.trimEnd());
  });

  it('ignores certificates, public keys and code that merely mentions a header', () => {
    const publicKey = '-----BEGIN PUBLIC KEY-----\n' + 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE'.repeat(3) + '\n-----END PUBLIC KEY-----\n';
    expect(kindsIn('/k', publicKey)).toEqual([]);
    const cert = '-----BEGIN CERTIFICATE-----\n' + 'MIIBkTCB+wIJAK'.repeat(10) + '\n-----END CERTIFICATE-----\n';
    expect(kindsIn('/etc/ssl/certs/ca.crt', cert)).toEqual([]);
    const code = 'if line.startswith("-----BEGIN RSA PRIVATE KEY-----"):\n    parse(line)\nEND = "-----END RSA PRIVATE KEY-----"\n';
    expect(kindsIn('/app/keys.py', code)).toEqual([]);
    const doc = '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n';
    expect(kindsIn('/README.md', doc)).toEqual([]);
    const sshPublic = 'ssh-rsa ' + 'AAAAB3NzaC1yc2EAAAADAQABAAABAQ'.repeat(4) + ' user@host\n';
    expect(kindsIn('/home/u/notes.txt', sshPublic)).toEqual([]);
  });
});
