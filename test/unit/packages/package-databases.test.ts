// Package database readers: dpkg md5sums and status conffiles, apk's installed database, line splitting over chunks.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LineSplitter, MAX_LINE } from '../../../src/packages/line-splitter.js';
import { PackageContent } from '../../../src/packages/package-content.js';
import { databaseReader, isPackageDatabase } from '../../../src/packages/package-databases.js';
import { digestKey, pathKey, recordKey } from '../../../src/packages/record-key.js';
import { MAX_RECORDS, RecordIndex, RecordList } from '../../../src/packages/record-list.js';

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');
const sha1 = (text: string): Buffer => createHash('sha1').update(text).digest();
const digests = (text: string) => ({ md5: digestKey(createHash('md5').update(text).digest()), sha1: digestKey(sha1(text)) });

/** Every record key a database file yields, fed in chunks of `size` bytes. */
function keysOf(path: string, content: string, size = 7): number[] {
  const keys: number[] = [];
  const reader = databaseReader(path, (key) => keys.push(key))!;
  const bytes = Buffer.from(content);
  for (let at = 0; at < bytes.length; at += size) reader.chunk(bytes.subarray(at, at + size));
  reader.end();
  return keys;
}

const expected = (path: string, content: string): number[] => [recordKey(pathKey(path), digests(content).md5)];

describe('which files are package databases', () => {
  it.each([
    ['/var/lib/dpkg/info/bash.md5sums', true],
    ['/var/lib/dpkg/info/libc6:amd64.md5sums', true],
    ['/var/lib/dpkg/status', true],
    ['/var/lib/dpkg/status.d/base-files', true],
    ['/var/lib/dpkg/status.d/base-files.md5sums', true],
    ['/lib/apk/db/installed', true],
    ['/usr/lib/apk/db/installed', true],
    ['/var/lib/dpkg/status-old', false],
    ['/var/lib/dpkg/info/bash.list', false],
    ['/app/var/lib/dpkg/status', false],
    ['/var/lib/rpm/rpmdb.sqlite', false],
  ])('%s: %s', (path, is) => expect(isPackageDatabase(path)).toBe(is));
});

describe('dpkg md5sums', () => {
  it('records each line as /path with its md5, whatever the chunking', () => {
    const content = `${md5('a')}  usr/share/doc/x/README\n${md5('b')}  etc/x.conf\n`;
    const want = [...expected('/usr/share/doc/x/README', 'a'), ...expected('/etc/x.conf', 'b')];
    for (const size of [1, 3, 33, 1000]) expect(keysOf('/var/lib/dpkg/info/x.md5sums', content, size)).toEqual(want);
  });

  it('reads a last line without newline, and ignores malformed ones', () => {
    const content = `not a digest  usr/bin/x\n${'g'.repeat(32)}  usr/bin/y\n${md5('c')} usr/bin/one-space\n\n${md5('d')}  usr/bin/z`;
    expect(keysOf('/var/lib/dpkg/info/x.md5sums', content)).toEqual(expected('/usr/bin/z', 'd'));
  });

  it('skips a line longer than any path, and goes on after it', () => {
    const content = `${md5('e')}  ${'a/'.repeat(MAX_LINE)}\n${md5('f')}  usr/bin/after\n`;
    expect(keysOf('/var/lib/dpkg/info/x.md5sums', content, 4096)).toEqual(expected('/usr/bin/after', 'f'));
  });
});

describe('dpkg status', () => {
  it('records conffiles, obsolete ones too, and nothing else', () => {
    const content = [
      'Package: bash',
      'Status: install ok installed',
      'Conffiles:',
      ` /etc/bash.bashrc ${md5('rc')}`,
      ` /etc/skel/.bashrc ${md5('skel')} obsolete`,
      ` /etc/new.conf newconffile`,
      ` /etc/gone.conf ${md5('gone')} remove-on-upgrade`,
      'Description: GNU Bourne Again SHell',
      ` /etc/not-a-conffile ${md5('desc')}`,
      '',
      'Package: other',
      ` /etc/continuation ${md5('x')}`,
      '',
    ].join('\n');
    expect(keysOf('/var/lib/dpkg/status', content)).toEqual([
      ...expected('/etc/bash.bashrc', 'rc'),
      ...expected('/etc/skel/.bashrc', 'skel'),
      ...expected('/etc/gone.conf', 'gone'),
    ]);
  });
});

describe('apk installed database', () => {
  it('records F:/R: paths with their Q1 (SHA-1) checksums', () => {
    const q1 = (text: string): string => `Q1${sha1(text).toString('base64')}`;
    const content = [
      'P:busybox',
      'F:etc',
      'R:motd',
      `Z:${q1('motd')}`,
      'R:no-checksum',
      'F:usr/share/x',
      'R:data.txt',
      `Z:${q1('data')}`,
      '',
      'P:next',
      'R:top',
      `Z:${q1('top')}`,
      '',
    ].join('\n');
    expect(keysOf('/lib/apk/db/installed', content)).toEqual([
      recordKey(pathKey('/etc/motd'), digests('motd').sha1),
      recordKey(pathKey('/usr/share/x/data.txt'), digests('data').sha1),
      recordKey(pathKey('/top'), digests('top').sha1),
    ]);
  });
});

describe('package content lookups', () => {
  it('matches a path and content pair, under either merged-/usr spelling, and survives a memo round trip', () => {
    const content = new PackageContent();
    const reader = content.reader('/var/lib/dpkg/info/coreutils.md5sums', 'layer-0')!;
    reader.chunk(Buffer.from(`${md5('ls')}  bin/ls\n${md5('conf')}  etc/x.conf\n`));
    reader.end();
    const index = content.index(() => true);
    expect(index.managers).toEqual(['dpkg']);
    expect(index.knownFiles).toBe(2);
    expect(index.matches('/usr/bin/ls', digests('ls'))).toBe(true);
    expect(index.matches('/bin/ls', digests('ls'))).toBe(true);
    expect(index.matches('/usr/bin/ls', digests('changed'))).toBe(false);
    expect(index.matches('/etc/other.conf', digests('conf'))).toBe(false);

    const replayed = new PackageContent();
    replayed.apply('again', PackageContent.parse(JSON.parse(JSON.stringify(content.save('layer-0'))))!);
    expect(replayed.index(() => true).matches('/etc/x.conf', digests('conf'))).toBe(true);
    expect(replayed.index((key) => key !== 'again').knownFiles).toBe(0);
    expect(PackageContent.parse({ managers: ['rpm'], records: '' })).toBeUndefined();
    expect(PackageContent.parse({ managers: ['dpkg'], records: 'AAAA' })).toBeUndefined();
  });

  it('splits lines over chunks without holding more than one line', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line.toString()));
    for (const piece of ['ab', 'c\nde', '\n', '\nf']) splitter.push(Buffer.from(piece));
    splitter.end();
    expect(lines).toEqual(['abc', 'de', '', 'f']);
  });
});

describe('record lists', () => {
  it('stop growing at their cap, so a hostile database cannot take the memory', () => {
    const list = new RecordList();
    for (let i = 0; i < MAX_RECORDS + 10; i++) list.add(i);
    expect(list.size).toBe(MAX_RECORDS);
    expect(RecordList.decode(list.encode())?.size).toBe(MAX_RECORDS);
    expect(new RecordIndex([list, list]).size).toBe(MAX_RECORDS);
  });
});
