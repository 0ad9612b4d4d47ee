// One automaton of every detector's trigger literals (and the secret words of source-code lines): the
// only pass that touches all bytes.
import { FORMAT_DETECTORS } from './formats/detectors.js';
import { PEM_TRIGGER, PUTTY_TRIGGER } from './pem.js';
import { escapeLiteral } from './formats/token.js';
import type { Detector } from './types.js';
import { PREFILTER_WASM } from './prefilter-wasm.js';
import { SECRET_WORDS } from './line-parser.js';

/** Reported for a private-key header (handled by the stateful key-block tracker, not a Detector). */
export const PEM_HIT = -1;
/** Reported, when asked for, where one of SECRET_WORDS starts (in any case): a line a secret-word line parser reads. */
export const WORD_HIT = -2;

export type Target = Detector | typeof PEM_HIT | typeof WORD_HIT;

/*
 * Why an automaton and not one big regex: V8 scans /a|b|c…/ fast while the alternatives start
 * with few distinct characters (it skips positions that cannot start a match), but every further
 * leading character slows the whole pass: with the ~180 literals of today's formats a combined
 * regex ran at a quarter of the speed it had with 25. An Aho–Corasick automaton costs one table
 * load per character however many literals it holds, so adding a format is free at scan time.
 */

/** Limit on the literals one trigger may expand to (a guard against a trigger that is a pattern). */
const MAX_EXPANSION = 1024;

/**
 * Every string a trigger source matches. Triggers are small regexes of literals, escaped
 * punctuation, [classes], (?:groups), alternatives and `?`; anything open-ended (., *, +, {n})
 * would not be a trigger but a pattern, and is refused.
 */
export function triggerLiterals(source: string): string[] {
  let pos = 0;
  const fail = (why: string): never => {
    throw new Error(`trigger /${source}/: ${why} at ${pos}`);
  };
  const product = (a: string[], b: string[]): string[] => {
    const out: string[] = [];
    for (const x of a) for (const y of b) out.push(x + y);
    if (out.length > MAX_EXPANSION) fail('expands to too many literals');
    return out;
  };
  const classChars = (): string[] => {
    const chars: string[] = [];
    pos++; // [
    if (source[pos] === '^') fail('negated class');
    while (pos < source.length && source[pos] !== ']') {
      let c = source[pos++] ?? '';
      if (c === '\\') c = source[pos++] ?? fail('dangling escape');
      if (source[pos] === '-' && source[pos + 1] !== ']' && pos + 1 < source.length) {
        const to = source[pos + 1] ?? '';
        pos += 2;
        for (let code = c.charCodeAt(0); code <= to.charCodeAt(0); code++) chars.push(String.fromCharCode(code));
      } else chars.push(c);
    }
    if (source[pos++] !== ']') fail('unclosed class');
    return chars;
  };
  const alternatives = (): string[] => {
    const all: string[] = [];
    for (;;) {
      all.push(...sequence());
      if (source[pos] !== '|') return all;
      pos++;
    }
  };
  const sequence = (): string[] => {
    let seq = [''];
    while (pos < source.length && source[pos] !== '|' && source[pos] !== ')') {
      let atom: string[];
      const c = source[pos] ?? '';
      if (c === '(') {
        if (!source.startsWith('(?:', pos)) fail('only (?:…) groups');
        pos += 3;
        atom = alternatives();
        if (source[pos++] !== ')') fail('unclosed group');
      } else if (c === '[') atom = classChars();
      else if (c === '\\') {
        const next = source[pos + 1] ?? fail('dangling escape');
        if (/[A-Za-z0-9]/.test(next)) fail('escape classes (\\d, \\w, …)');
        atom = [next];
        pos += 2;
      } else if ('.*+{}^$?'.includes(c)) atom = fail(`"${c}"`);
      else {
        atom = [c];
        pos++;
      }
      if (source[pos] === '?') {
        atom = [...atom, ''];
        pos++;
      }
      seq = product(seq, atom);
    }
    return seq;
  };
  const literals = alternatives();
  if (pos !== source.length) fail('unbalanced )');
  if (literals.some((l) => l === '')) fail('may match the empty string');
  return [...new Set(literals)];
}

/** Distinct trigger literals and the targets each one wakes. */
const KEYWORDS: string[] = [];
const TARGETS: Target[][] = [];
{
  const index = new Map<string, number>();
  const add = (source: string, target: Target): void => {
    for (const literal of triggerLiterals(source)) {
      let i = index.get(literal);
      if (i === undefined) {
        i = KEYWORDS.length;
        index.set(literal, i);
        KEYWORDS.push(literal);
        TARGETS.push([]);
      }
      const targets = TARGETS[i] as Target[];
      if (!targets.includes(target)) targets.push(target);
    }
  };
  for (const detector of FORMAT_DETECTORS) add(detector.trigger, detector);
  add(escapeLiteral(PEM_TRIGGER), PEM_HIT);
  add(escapeLiteral(PUTTY_TRIGGER), PEM_HIT);
  // Every spelling of each word in upper and lower case letters, as a case-insensitive regex sees it.
  for (const word of SECRET_WORDS) add([...word].map((c) => `[${c.toLowerCase()}${c.toUpperCase()}]`).join(''), WORD_HIT);
}
/** Keywords that wake nothing but WORD_HIT: skipped at once when the caller has no use for words. */
const WORD_ONLY = Uint8Array.from(TARGETS, (targets) => (targets.every((t) => t === WORD_HIT) ? 1 : 0));
const MAX_KEYWORD = Math.max(...KEYWORDS.map((k) => k.length));

/**
 * The automaton over 7-bit characters (any other character reads as NUL, which no keyword holds):
 * TABLE[state << 7 | char] is the next state, with failure links already folded in, so the scan
 * is one load per character. OUT_AT[state]…OUT_AT[state + 1] lists the keywords ending there.
 */
const { TABLE, FIRST_OUT, OUT_AT, OUT } = (() => {
  const children = [new Map<number, number>()];
  const ends: number[][] = [[]];
  KEYWORDS.forEach((keyword, k) => {
    let state = 0;
    for (let i = 0; i < keyword.length; i++) {
      const c = keyword.charCodeAt(i);
      if (c === 0 || c > 127) throw new Error(`trigger literal ${JSON.stringify(keyword)}: ASCII only`);
      let next = children[state]?.get(c);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        ends.push([]);
        children[state]?.set(c, next);
      }
      state = next;
    }
    ends[state]?.push(k);
  });
  const states = children.length;
  // The WebAssembly loop reads states as u16.
  if (states >= 0x10000) throw new Error('too many trigger states');
  // Failure links on the trie itself, breadth first: a state's failure state is always shallower,
  // so its outputs are final when the state's own are completed from them.
  const failure = new Int32Array(states);
  const step = (from: number, c: number): number => {
    for (let s = from; ; s = failure[s] ?? 0) {
      const next = children[s]?.get(c);
      if (next !== undefined) return next;
      if (s === 0) return 0;
    }
  };
  const queue: number[] = [...(children[0]?.values() ?? [])];
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] ?? 0;
    ends[state]?.push(...(ends[failure[state] ?? 0] ?? []));
    for (const [c, next] of children[state] ?? []) {
      failure[next] = step(failure[state] ?? 0, c);
      queue.push(next);
    }
  }
  // Number every state where some keyword ends after every state where none does: the hot loop
  // then tests `state >= FIRST_OUT` instead of loading the output list bounds. The root, where
  // nothing ends, stays 0.
  const order: number[] = [];
  for (let s = 0; s < states; s++) if ((ends[s]?.length ?? 0) === 0) order.push(s);
  const firstOut = order.length;
  for (let s = 0; s < states; s++) if ((ends[s]?.length ?? 0) > 0) order.push(s);
  const renamed = new Int32Array(states);
  order.forEach((old, now) => (renamed[old] = now));
  // TABLE[state << 7 | char], in the new numbers, failure links folded in: each row starts as a
  // copy of its failure state's (already final, being shallower), then the state's own children
  // override their characters. Every root transition left 0 goes back to the root.
  const table = new Uint16Array(states << 7);
  for (const [c, next] of children[0] ?? []) table[c] = renamed[next] ?? 0;
  for (const state of queue) {
    const row = (renamed[state] ?? 0) << 7;
    const fallback = (renamed[failure[state] ?? 0] ?? 0) << 7;
    table.copyWithin(row, fallback, fallback + 128);
    for (const [c, next] of children[state] ?? []) table[row | c] = renamed[next] ?? 0;
  }
  const outAt = new Int32Array(states - firstOut + 1);
  const out: number[] = [];
  for (let now = firstOut; now < states; now++) {
    outAt[now - firstOut] = out.length;
    out.push(...(ends[order[now] ?? 0] ?? []));
  }
  outAt[states - firstOut] = out.length;
  return { TABLE: table, FIRST_OUT: firstOut, OUT_AT: outAt, OUT: Int32Array.from(out) };
})();

/** Hits are encoded as start * KEYWORD_SLOTS + keyword, so a numeric sort orders them by start. */
const KEYWORD_SLOTS = 1 << 12;
if (KEYWORDS.length >= KEYWORD_SLOTS) throw new Error('too many trigger literals');
const KEYWORD_LENGTHS = Int32Array.from(KEYWORDS, (k) => k.length);

/**
 * Text is scanned in windows of at most this many characters (a 64 KiB chunk and the carried line
 * fit in one); consecutive windows overlap by WARM characters so a keyword across the cut is whole
 * in the second.
 */
const WINDOW = 128 * 1024;
const WARM = MAX_KEYWORD - 1;

interface PrefilterWasm {
  memory: WebAssembly.Memory;
  scan(table: number, first: number, input: number, length: number, warm: number, out: number): number;
  newlines(input: number, length: number): number;
}

/**
 * The loop itself runs in WebAssembly (prefilter.wat says why). Its memory holds the byte-to-column
 * map, the table, one window of text and room for a hit at every position of it.
 */
const { wasm, TABLE_AT, INPUT, HITS, HEAP, WORDS } = (() => {
  const CLASS_MAP = 0;
  const table = 1024;
  const input = table + TABLE.byteLength;
  const hits = input + WINDOW;
  const end = hits + WINDOW * 8;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(PREFILTER_WASM, 'base64')));
  const exports = instance.exports as unknown as PrefilterWasm;
  const memory = exports.memory;
  memory.grow(Math.ceil((end - memory.buffer.byteLength) / 65536));
  // The buffer is never grown again, so these views stay valid.
  const words = new Uint32Array(memory.buffer);
  for (let b = 0; b < 256; b++) words[(CLASS_MAP >> 2) + b] = (b < 128 ? b : 0) * 2;
  new Uint16Array(memory.buffer, table, TABLE.length).set(TABLE);
  return { wasm: exports, TABLE_AT: table, INPUT: input, HITS: hits, HEAP: Buffer.from(memory.buffer), WORDS: words };
})();

/**
 * Receives the triggers of a scan. An object with a method rather than a callback: a fresh closure
 * per call changed the call target every time, and V8 threw away scanTriggers' optimised code on
 * each of them (about 2,500 deoptimisations over the fat bench image's text).
 */
export interface TriggerSink {
  trigger(at: number, targets: readonly Target[]): void;
}

/**
 * Call `sink.trigger` once per position in [from, to) where some trigger starts, in order, with every
 * target (detector, PEM_HIT, and WORD_HIT when `words` is set) a trigger starting there wakes. Text up to MAX_KEYWORD - 1
 * characters past `to` is read so a trigger starting just before `to` is still seen whole.
 * Returns the number of newlines in [from, to), which the same pass counts for free.
 */
export function scanTriggers(text: string, from: number, to: number, sink: TriggerSink, words = false): number {
  const stop = Math.min(text.length, to + MAX_KEYWORD - 1);
  const hits: number[] = [];
  // The streams report hits by where they end, each stream in order: mostly sorted already.
  let sorted = true;
  let newlines = 0;
  // Hits ending before `seen` were reported by the previous window.
  let seen = from;
  for (let start = from; seen < stop; start = seen - WARM) {
    const end = Math.min(stop, start + WINDOW);
    // One byte a character; a character above U+00FF is written as its low byte, which may make a
    // keyword appear where there is none: every hit is checked against the text below.
    HEAP.write(start === 0 && end === text.length ? text : text.slice(start, end), INPUT, 'latin1');
    const counted = Math.min(end, to);
    if (counted > seen) newlines += wasm.newlines(INPUT + seen - start, counted - seen);
    const last = wasm.scan(TABLE_AT, FIRST_OUT, INPUT, end - start, WARM, HITS);
    for (let h = HITS >> 2; h < last >> 2; h += 2) {
      const stopAt = (WORDS[h] ?? 0) - INPUT + start + 1; // one past the keyword's last character
      if (stopAt <= seen) continue;
      const state = (WORDS[h + 1] ?? 0) - FIRST_OUT;
      const outEnd = OUT_AT[state + 1] ?? 0;
      for (let o = OUT_AT[state] ?? 0; o < outEnd; o++) {
        const k = OUT[o] ?? 0;
        if (!words && WORD_ONLY[k] === 1) continue;
        const at = stopAt - (KEYWORD_LENGTHS[k] ?? 0);
        if (at >= to || !text.startsWith(KEYWORDS[k] ?? '', at)) continue;
        const hit = at * KEYWORD_SLOTS + k;
        if (hit < (hits[hits.length - 1] ?? 0)) sorted = false;
        hits.push(hit);
      }
    }
    seen = end;
  }
  if (hits.length === 0) return newlines;
  if (!sorted) hits.sort((a, b) => a - b);
  const targets: Target[] = [];
  for (let h = 0; h < hits.length;) {
    const at = Math.floor((hits[h] ?? 0) / KEYWORD_SLOTS);
    targets.length = 0;
    for (; h < hits.length && Math.floor((hits[h] ?? 0) / KEYWORD_SLOTS) === at; h++) {
      for (const target of TARGETS[(hits[h] ?? 0) % KEYWORD_SLOTS] ?? []) {
        if (!targets.includes(target) && (words || target !== WORD_HIT)) targets.push(target);
      }
    }
    if (targets.length !== 0) sink.trigger(at, targets);
  }
  return newlines;
}

/** The literals the automaton searches for (for tests and the docs). */
export function triggerKeywords(): readonly string[] {
  return KEYWORDS.filter((_, k) => WORD_ONLY[k] === 0);
}
