// The incremental scanning engine: feeds text through the prefilter, detectors, PEM tracker and an
// optional line parser, keeping only a bounded tail between pushes.
import { MatchSet } from './matches.js';
import { PemTracker, type PemMatch } from './pem.js';
import { PEM_HIT, scanTriggers, WORD_HIT, type Target, type TriggerSink } from './prefilter.js';
import type { LineParser, NestedScan } from './line-parser.js';
import type { RawMatch, SecretMatch } from './types.js';

/** Longest single-line token we guarantee to see whole, even inside an endless line. */
const OVERLAP = 8 * 1024;
/** An unterminated line longer than this is scanned in segments (minified JS, one-line JSON, logs). */
const MAX_CARRY = 32 * 1024;
/** Text kept before a segment cut so look-behinds (URL schemes, word boundaries) still see it. */
const CONTEXT = 64;

const nestedScan: NestedScan = (text, lineParser) => {
  const scanner = new TextScanner(lineParser ? { lineParser } : {});
  scanner.push(text);
  return scanner.finish();
};

export interface TextScannerOptions {
  lineParser?: LineParser;
  /** Input strings are latin1-decoded bytes (files); non-ASCII secrets are re-decoded as UTF-8. */
  latin1?: boolean;
}

/**
 * V8 keeps `carry + text` as a rope (ConsString), and every charCodeAt on a rope takes a slow path
 * (the prefilter's loop, when it ran in JavaScript, ran at half speed on it; detectors and line
 * parsers still read the text that way). Converting a string to a number makes V8 flatten it in
 * place first, once for all of them; the number itself is irrelevant (the gain is in
 * docs/benchmarks.md, "Measurements behind code choices").
 */
function flatten(text: string): string {
  Number(text);
  return text;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export class TextScanner implements TriggerSink {
  /** Unscanned tail: the current incomplete line (never contains '\n'), bounded by MAX_CARRY. */
  private carry = '';
  /** Characters at the start of `carry` that were already scanned (kept only as context). */
  private skip = 0;
  /** 1-based line number of carry[0]. */
  private line = 1;
  /** Global offset of carry[0], used to order matches. */
  private base = 0;
  /** The carry starts in the middle of a line whose head was scanned in segments. */
  private midLine = false;
  private readonly pem = new PemTracker();
  private readonly found: MatchSet;
  private readonly raw: RawMatch[] = [];
  private readonly pemOut: PemMatch[] = [];
  private readonly lineParser: LineParser | undefined;
  /** The parser reads only lines with a secret word (LineParser.secretWordLinesOnly). */
  private readonly wordLines: boolean;
  /** Where the scan in progress saw a secret word (only for a word-line parser). */
  private readonly words: number[] = [];
  /** State of the scan in progress, read by `trigger`. */
  private text = '';
  private end = 0;
  private cursor = 0;
  private cursorLine = 1;

  constructor(options: TextScannerOptions = {}) {
    this.found = new MatchSet(options.latin1 ?? false);
    this.lineParser = options.lineParser;
    this.wordLines = this.lineParser?.secretWordLinesOnly === true;
    this.lineParser?.attach?.(nestedScan);
  }

  push(text: string): void {
    // The carry never holds a newline, so only the new text needs searching; tiny pushes without
    // one just extend the carry.
    const nl = text.lastIndexOf('\n');
    if (nl >= 0) {
      // Scan every complete line now; only the incomplete last line waits for more input.
      const buf = flatten(this.carry + text);
      const end = this.carry.length + nl + 1;
      this.line += this.scan(buf, end, true);
      this.base += end;
      this.carry = text.slice(nl + 1);
      this.skip = 0;
      this.midLine = false;
    } else {
      this.carry += text;
    }
    if (this.carry.length > MAX_CARRY) {
      // An endless line: scan all but the last OVERLAP characters, which every token starting
      // before the cut fits into, and keep a little context for the next segment.
      const cut = this.carry.length - OVERLAP;
      this.carry = flatten(this.carry);
      this.scan(this.carry, cut, false);
      const keep = cut - CONTEXT;
      this.carry = this.carry.slice(keep);
      this.base += keep;
      this.skip = CONTEXT;
      this.midLine = true;
    }
  }

  /** Scan what is left and return every match in order of appearance. */
  finish(): SecretMatch[] {
    this.scan(this.carry, this.carry.length, true);
    this.carry = '';
    this.pem.close(this.pemOut);
    this.flushPem();
    if (this.lineParser?.end !== undefined) {
      this.lineParser.end(this.raw);
      for (const m of this.raw) this.found.add(m, m.at?.offset ?? this.base, m.at?.line ?? this.line);
      this.raw.length = 0;
    }
    return this.found.list();
  }

  /**
   * Scan hits starting in [skip, end) of `buf`; `linesComplete` says whether buf[end-1] ends a line.
   * Returns the number of newlines in [skip, end).
   */
  private scan(buf: string, end: number, linesComplete: boolean): number {
    if (this.pem.active) {
      this.pem.feed(buf.slice(this.skip, end), this.pemOut);
      this.flushPem();
    }
    this.text = buf;
    this.end = end;
    this.cursor = 0;
    this.cursorLine = this.line;
    const parse = this.lineParser !== undefined && linesComplete;
    this.words.length = 0;
    const newlines = scanTriggers(buf, this.skip, end, this, parse && this.wordLines);
    this.text = ''; // the chunk is not kept past its scan
    if (parse) {
      if (this.wordLines) this.parseWordLines(buf, end);
      else this.parseLines(buf, end);
    }
    return newlines;
  }

  /** The line of position `at` of the scan in progress (positions asked for only ever grow). */
  private lineAt(at: number): number {
    this.cursorLine += countNewlines(this.text, this.cursor, at);
    this.cursor = at;
    return this.cursorLine;
  }

  /** One trigger position of the scan in progress (see TriggerSink). */
  trigger(at: number, targets: readonly Target[]): void {
    const buf = this.text;
    for (const target of targets) {
      if (target === WORD_HIT) {
        this.words.push(at);
        continue;
      }
      if (target === PEM_HIT) {
        const label = PemTracker.labelAt(buf, at);
        if (label !== undefined) this.pem.begin(label, buf.slice(at, this.end), this.base + at, this.lineAt(at), this.pemOut);
        this.flushPem();
        continue;
      }
      target.detect(buf, at, this.raw);
      // Most triggers confirm nothing: lines are counted only for those that do.
      if (this.raw.length === 0) continue;
      const line = this.lineAt(at);
      for (const m of this.raw) this.found.add(m, this.base + m.index, line);
      this.raw.length = 0;
    }
  }

  /** Hand complete lines of [0, end) to the line parser (skipping a line whose head was already cut). */
  private parseLines(buf: string, end: number): void {
    const parser = this.lineParser;
    if (parser === undefined) return;
    let line = this.line;
    let start = 0;
    if (this.midLine) {
      start = buf.indexOf('\n', this.skip) + 1;
      line++;
      if (start === 0) return;
    }
    while (start < end) {
      const nl = buf.indexOf('\n', start);
      const stop = nl === -1 || nl >= end ? end : nl;
      const text = buf.slice(start, stop > start && buf[stop - 1] === '\r' ? stop - 1 : stop);
      parser.parse(text, this.raw, line, this.base + start);
      if (this.raw.length !== 0) {
        for (const m of this.raw) this.found.add(m, m.at?.offset ?? this.base + start + m.index, m.at?.line ?? line);
        this.raw.length = 0;
      }
      start = stop + 1;
      line++;
    }
  }

  /** parseLines for a parser that reads only lines with a secret word: those lines, once each. */
  private parseWordLines(buf: string, end: number): void {
    const parser = this.lineParser;
    if (parser === undefined || this.words.length === 0) return;
    // A line whose head was cut (midLine) is not parsed, as in parseLines.
    const first = this.midLine ? buf.indexOf('\n', this.skip) + 1 : 0;
    if (this.midLine && first === 0) return;
    let line = this.line;
    let counted = 0; // newlines before this position are in `line`
    let next = first; // lines starting before this one were parsed
    for (const at of this.words) {
      if (at < next) continue;
      const start = buf.lastIndexOf('\n', at - 1) + 1;
      const nl = buf.indexOf('\n', at);
      const stop = nl === -1 || nl >= end ? end : nl;
      line += countNewlines(buf, counted, start);
      counted = start;
      const text = buf.slice(start, stop > start && buf[stop - 1] === '\r' ? stop - 1 : stop);
      parser.parse(text, this.raw, line, this.base + start);
      if (this.raw.length !== 0) {
        for (const m of this.raw) this.found.add(m, m.at?.offset ?? this.base + start + m.index, m.at?.line ?? line);
        this.raw.length = 0;
      }
      next = stop + 1;
    }
  }

  private flushPem(): void {
    for (const m of this.pemOut) this.found.add(m, m.index, m.line);
    this.pemOut.length = 0;
  }
}
