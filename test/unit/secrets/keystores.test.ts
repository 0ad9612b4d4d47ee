// Binary keystores are recognised by their first bytes and read as they stream: a PKCS#12 key bag or
// a JKS/JCEKS key entry is found however the bytes are chunked, wherever it sits in the file, and
// truststores, certificates and other binary files stay silent.
import { describe, expect, it } from 'vitest';
import { bytes } from './corpus/gen.js';
import { javaKeystore, pkcs12, type JksEntry } from './corpus/places-round-four.js';
import { scanFile } from './fixtures.js';

const kinds = (path: string, content: Buffer, chunking?: number): string[] =>
  scanFile(path, content, chunking).map((m) => `${m.kind}:${m.severity ?? 'error'}:${m.secret.length}`);

const trusted = (n: number, seed: string): JksEntry[] =>
  Array.from({ length: n }, (_, i) => ({ tag: 2 as const, alias: `ca-${i}`, seed: `${seed}-${i}` }));

describe('binary keystores', () => {
  const cases: [string, string, Buffer, string[]][] = [
    ['a PKCS#12 with a shrouded key bag', '/app/keystore.p12', pkcs12('shrouded', 'ks-a'), ['pkcs12-private-key:warning:64']],
    ['a PKCS#12 with a plain key bag, no extension', '/srv/identity', pkcs12('plain', 'ks-b'), ['pkcs12-private-key:warning:64']],
    ['a PFX with CA certificates after the key', '/app/site.pfx', pkcs12('shrouded', 'ks-c', 3), ['pkcs12-private-key:warning:64']],
    ['a PKCS#12 truststore', '/app/truststore.p12', pkcs12('none', 'ks-d', 5), []],
    [
      'a JKS with a key entry after a trusted one',
      '/app/server.jks',
      javaKeystore([...trusted(1, 'ks-e'), { tag: 1, alias: 'tomcat', seed: 'ks-e' }]),
      ['java-keystore-private-key:warning:64'],
    ],
    [
      'a JCEKS with a key entry',
      '/app/store.jceks',
      javaKeystore([{ tag: 1, alias: 'k', seed: 'ks-f' }], 0xcececece),
      ['java-keystore-private-key:warning:64'],
    ],
    ["Java's cacerts", '/etc/ssl/certs/java/cacerts', javaKeystore(trusted(30, 'ks-g')), []],
    [
      'a file with JKS magic and a wrong version',
      '/app/data.bin2',
      Buffer.concat([Buffer.from([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 9]), bytes(400, 'ks-h')]),
      [],
    ],
    ['random binary data', '/app/blob', bytes(5000, 'ks-i'), []],
  ];

  it.each(cases)('%s', (_, path, content, expected) => {
    for (const chunking of [65536, 1, 3, 13, 31, 32, 33, 257]) expect(kinds(path, content, chunking), `chunks of ${chunking}`).toEqual(expected);
  });

  it('finds a key entry behind thousands of trusted certificates, skipping them as they stream', () => {
    const store = javaKeystore([...trusted(3000, 'ks-big'), { tag: 1, alias: 'late', seed: 'ks-big' }]);
    expect(store.length).toBeGreaterThan(1_000_000);
    expect(kinds('/app/big.jks', store)).toEqual(['java-keystore-private-key:warning:64']);
  });

  it('keeps a short text file that starts like nothing binary as text', () => {
    expect(scanFile('/app/x.p12', 'hello\n')).toEqual([]);
  });
});
