// Findings come out in one order whatever the machine's locale: a CI gate's report must not change
// with the runner's LANG.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/finding.js';
import { postProcess } from '../../../src/engine/post-process.js';

const finding = (ruleId: string, path: string, severity: Finding['severity'] = 'error'): Finding => ({
  ruleId,
  messageId: 'X',
  severity,
  message: `${ruleId} ${path}`,
  location: { layer: 0, path },
});

describe('postProcess order', () => {
  it('sorts by severity, then rule and path by code unit, not by the locale', () => {
    const paths = ['/app/b.txt', '/app/B.txt', '/app/_x', '/app/a-b', '/app/ab', '/app/é'];
    const sorted = postProcess(
      [...paths.map((path) => finding('secret-file', path)), finding('a-rule', '/z'), finding('secret-file', '/0', 'warning')],
      [],
      [],
      '2026-12-07',
    );
    expect(sorted.map((f) => `${f.ruleId} ${f.location.path}`)).toEqual([
      'a-rule /z',
      // "B" < "_" < "a" < "b" < "é" in UTF-16; an English collation would put "_x" first and "b" before "B"
      'secret-file /app/B.txt',
      'secret-file /app/_x',
      'secret-file /app/a-b',
      'secret-file /app/ab',
      'secret-file /app/b.txt',
      'secret-file /app/é',
      'secret-file /0',
    ]);
  });
});
