import { describe, expect, it } from 'vitest';
import { normalizeTarPath } from '../../../src/layers/tar-path.js';

describe('normalizeTarPath', () => {
  it.each([
    ['etc/', '/etc'],
    ['./usr/share/perl/5.36.0/Test2/', '/usr/share/perl/5.36.0/Test2'],
    ['usr//lib///', '/usr/lib'],
    ['/abs/dir/', '/abs/dir'],
    ['x/../../y/', '/y'],
    ['a/b/.', '/a/b'],
    ['../', '/'],
    ['./', '/'],
    ['', '/'],
    ['etc/passwd', '/etc/passwd'],
  ])('%j is %j', (name, path) => {
    expect(normalizeTarPath(name)).toBe(path);
  });
});
