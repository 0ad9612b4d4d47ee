// Private key blocks: every PEM flavour, PuTTY keys, encrypted variants (warnings), and the public
// material that must not match.
import { describe, expect, it } from 'vitest';
import { maskSecret, scanValue } from '../../../src/secrets/index.js';
import { kindsIn, opensshKey, pemKey, puttyKey, scanFile } from './fixtures.js';

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

  it('finds a key whose body is wrapped with spaces instead of newlines (env values, folded YAML)', () => {
    const key = pemKey('pkcs8').trimEnd();
    const spaced = key.replace(/\n/g, ' ');
    for (const text of [`PRIVATE_KEY="${spaced}"`, `key: ${spaced}\nnext: 1\n`]) {
      const found = scanFile('/app/config.yaml', text);
      expect(found.map((m) => [m.kind, m.secret])).toEqual([['private-key', spaced]]);
    }
    expect(scanValue(`ENV KEY="${spaced}"`).map((m) => m.kind)).toEqual(['private-key']);
    // Spaces in a line of prose after the header are not a key body.
    expect(
      kindsIn(
        '/app/notes.txt',
        '-----BEGIN PRIVATE KEY----- goes at the top of the file then the body and then comes the END line of the key file\n',
      ),
    ).toEqual([]);
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

describe('PuTTY keys', () => {
  it('finds a plain key up to its Private-MAC line, at every chunk size', () => {
    const key = puttyKey(false);
    const text = `notes\n${key}\ntrailing text\n`;
    for (const chunk of [65536, 64, 7, 1]) {
      const found = scanFile('/root/.ssh/deploy.ppk', text, chunk);
      expect(
        found.map((m) => [m.kind, m.line, m.secret, m.severity]),
        `chunk ${chunk}`,
      ).toEqual([['putty-private-key', 2, key, undefined]]);
    }
  });

  it('reports an encrypted key as a warning', () => {
    expect(scanFile('/k.ppk', puttyKey(true)).map((m) => [m.kind, m.severity])).toEqual([['putty-private-key-encrypted', 'warning']]);
  });

  it('reports a key cut before its MAC, bounded to its last valid line', () => {
    const key = puttyKey(false);
    const cut = key.slice(0, key.indexOf('\nPrivate-MAC'));
    expect(scanFile('/k.ppk', `${cut}\n!! not a key line\n`).map((m) => m.secret)).toEqual([cut]);
  });

  it('ignores a header with no private lines, and code that names the header', () => {
    expect(kindsIn('/k.ppk', 'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n')).toEqual([]);
    expect(kindsIn('/app/ppk.py', 'MAGIC = "PuTTY-User-Key-File-"\n')).toEqual([]);
  });

  it('masks a key by its public header line only', () => {
    expect(maskSecret('putty-private-key', puttyKey(false)).preview).toBe('PuTTY-User-Key-File-3: ssh-ed25519…');
  });
});

describe('severity of encrypted keys', () => {
  it('reports passphrase-protected PEM and OpenSSH keys as warnings, plain ones as errors', () => {
    expect(scanFile('/k', pemKey('encrypted')).map((m) => m.severity)).toEqual(['warning']);
    expect(scanFile('/k', opensshKey('aes256-ctr')).map((m) => m.severity)).toEqual(['warning']);
    expect(scanFile('/k', pemKey('pkcs8')).map((m) => m.severity)).toEqual([undefined]);
  });
});
