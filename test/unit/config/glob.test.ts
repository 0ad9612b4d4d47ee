// Glob semantics shared by budgets and waivers.
import { describe, expect, it } from 'vitest';
import { globToRegExp, matchGlob } from '../../../src/config/glob.js';

describe('matchGlob', () => {
  it('* matches any characters, including "/" and nothing at all', () => {
    expect(matchGlob('registry.example.com/team/*', 'registry.example.com/team/app:1')).toBe(true);
    expect(matchGlob('registry.example.com/team/*', 'registry.example.com/team/sub/app:1')).toBe(true);
    expect(matchGlob('*crawler*', 'crawler')).toBe(true);
    expect(matchGlob('*crawler*', 'docker.io/acme/web-crawler:2')).toBe(true);
    expect(matchGlob('*', '')).toBe(true);
  });

  it('? matches exactly one character', () => {
    expect(matchGlob('app:?', 'app:1')).toBe(true);
    expect(matchGlob('app:?', 'app:')).toBe(false);
    expect(matchGlob('app:?', 'app:10')).toBe(false);
    expect(matchGlob('/tmp/?', '/tmp/é')).toBe(true);
  });

  it('is anchored at both ends', () => {
    expect(matchGlob('nginx', 'nginx:1')).toBe(false);
    expect(matchGlob('nginx', 'my-nginx')).toBe(false);
    expect(matchGlob('nginx', 'nginx')).toBe(true);
  });

  it('is case-sensitive', () => {
    expect(matchGlob('*DB*', 'postgres-db')).toBe(false);
  });

  it('treats regex metacharacters literally', () => {
    expect(matchGlob('a.b', 'axb')).toBe(false);
    expect(matchGlob('a.b', 'a.b')).toBe(true);
    expect(matchGlob('/app/(x)+[y]{2}|$^\\-', '/app/(x)+[y]{2}|$^\\-')).toBe(true);
    expect(matchGlob('a+', 'aa')).toBe(false);
  });

  it('compiles to an anchored RegExp', () => {
    expect(globToRegExp('a*b?').source).toBe('^a.*b.$');
  });
});
