// JSON syntax errors must say where: Node 20's own messages often omit the position.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/errors.js';
import { parseJsonText } from '../../../src/config/json-file.js';
import { locateJsonSyntaxError } from '../../../src/config/json-syntax.js';

describe('locateJsonSyntaxError', () => {
  it.each([
    ['{"a": }', 1, 7, 'unexpected "}", expected a value'],
    ['{\n  "a": 1,\n}', 2, 9, 'trailing commas are not allowed in JSON'],
    ['[1, 2,]', 1, 6, 'trailing commas are not allowed in JSON'],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, 'expected "," or "}", found """'],
    ['{ a: 1 }', 1, 3, 'expected a double-quoted property name, found "a"'],
    ["{ 'a': 1 }", 1, 3, 'expected a double-quoted property name, found "\'"'],
    ['{"a" 1}', 1, 6, 'expected ":" after the property name, found "1"'],
    ['{\n  // comment\n  "a": 1\n}', 2, 3, 'comments are not allowed in JSON'],
    ['{"a": "x', 1, 9, 'unterminated string'],
    ['{"a": "\\q"}', 1, 8, 'invalid escape "\\q"'],
    ['{"a": tru}', 1, 7, 'unexpected "t", expected a value'],
    ['{"a": 01}', 1, 8, 'expected "," or "}", found "1"'],
    ['{"a": 1', 1, 8, 'expected "," or "}", found end of file'],
    ['', 1, 1, 'unexpected end of file, expected a value'],
    ['{} {}', 1, 4, 'unexpected "{" after the end of the document'],
  ])('%j → line %d, column %d', (text, line, column, message) => {
    expect((): unknown => JSON.parse(text)).toThrow();
    expect(locateJsonSyntaxError(text)).toEqual({ line, column, message });
  });

  it('finds nothing wrong in valid JSON', () => {
    const text = '{"a": [1, -2.5e3, true, false, null, "\\u00e9\\n"], "b": {}}';
    expect((): unknown => JSON.parse(text)).not.toThrow();
    expect(locateJsonSyntaxError(text)).toBeUndefined();
  });
});

describe('parseJsonText', () => {
  it('parses valid JSON and tolerates a byte-order mark', () => {
    expect(parseJsonText('\uFEFF{"a": 1}', 'x.json')).toEqual({ a: 1 });
  });

  it('throws a ConfigError naming file, line and column', () => {
    const error = (() => {
      try {
        return parseJsonText('{\n  "rules": {,}\n}', 'policy.json');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([
      { file: 'policy.json', path: '', message: 'invalid JSON at line 2, column 13: expected a double-quoted property name, found ","' },
    ]);
  });
});
