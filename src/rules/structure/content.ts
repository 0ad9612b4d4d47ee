// Streams a file's lines past the content assertions that name it, remembering the first line each
// pattern matches; stops reading once every pattern has matched. Nothing of the content is kept.
import { StringDecoder } from 'node:string_decoder';
import type { FileVisitor } from '../../layers/layer-walk.js';

/** A longer line is matched on its first MAX_LINE characters (and still counted as one line). */
export const MAX_LINE = 64 * 1024;

/** Per pattern key ("a.c.m.i": assertion, content test, match/notMatch, index): the first matching line, or null. */
export type LineHits = Record<string, number | null>;

export function lineMatcher(patterns: Map<string, RegExp>): { visitor: FileVisitor; hits: LineHits } {
  const hits: LineHits = Object.fromEntries([...patterns.keys()].map((key) => [key, null]));
  const pending = new Map(patterns);
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let overlong = false;
  let line = 0;
  const take = (text: string): void => {
    line++;
    for (const [key, regex] of pending) {
      if (regex.test(text)) {
        hits[key] = line;
        pending.delete(key);
      }
    }
  };
  const push = (text: string): void => {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const piece = text.slice(start, nl);
      if (overlong) overlong = false;
      else take((carry + piece).slice(0, MAX_LINE).replace(/\r$/, ''));
      carry = '';
      start = nl + 1;
    }
    if (overlong) return;
    carry += text.slice(start);
    if (carry.length > MAX_LINE) {
      take(carry.slice(0, MAX_LINE));
      carry = '';
      overlong = true;
    }
  };
  return {
    hits,
    visitor: {
      chunk(data) {
        push(decoder.write(data));
        return pending.size > 0;
      },
      end() {
        const rest = decoder.end();
        if (rest) push(rest);
        if (carry !== '' && !overlong) take(carry.replace(/\r$/, ''));
      },
    },
  };
}
