import { describe, expect, it } from 'vitest';
import { LayerEntries } from '../../../src/layers/layer-entries.js';

function filled(rows: [string, 'file' | 'directory' | 'symlink', number, string?][]): LayerEntries {
  const entries = new LayerEntries();
  for (const [path, type, size, linkname] of rows) entries.add(path, type, size, 0o644, 1000, 1001, linkname);
  entries.seal();
  return entries;
}

describe('LayerEntries', () => {
  it('keeps the last copy of a repeated path, at the place of that copy (like Map delete + set)', () => {
    const entries = filled([
      ['/a', 'directory', 0],
      ['/a/x', 'file', 5],
      ['/b', 'file', 7],
      ['/a', 'file', 3],
      ['/c', 'file', 1],
    ]);
    expect([...entries.values()].map((e) => `${e.path}:${e.type}`)).toEqual(['/a/x:file', '/b:file', '/a:file', '/c:file']);
    expect(entries.size).toBe(4);
    expect(entries.fileBytes()).toBe(16);
  });

  it('answers lookups by path with every field, link targets included', () => {
    const entries = filled([
      ['/usr/bin/sh', 'symlink', 0, 'busybox'],
      ['/usr/bin/busybox', 'file', 2 ** 40],
    ]);
    expect(entries.get('/usr/bin/sh')).toEqual({
      path: '/usr/bin/sh',
      type: 'symlink',
      size: 0,
      mode: 0o644,
      uid: 1000,
      gid: 1001,
      linkname: 'busybox',
    });
    expect(entries.get('/usr/bin/busybox')).toEqual({ path: '/usr/bin/busybox', type: 'file', size: 2 ** 40, mode: 0o644, uid: 1000, gid: 1001 });
    expect(entries.has('/usr/bin')).toBe(false);
    expect(entries.get('/nope')).toBeUndefined();
  });

  it('grows past its first columns and still finds every path', () => {
    const entries = filled(Array.from({ length: 1000 }, (_, i) => [`/d/${i}`, 'file', i] as [string, 'file', number]));
    expect(entries.size).toBe(1000);
    for (const i of [0, 17, 999]) expect(entries.get(`/d/${i}`)?.size).toBe(i);
    expect(entries.fileBytes()).toBe((999 * 1000) / 2);
  });
});
