// Locates the first JSON syntax error in a text: Node 20's JSON.parse often reports no position at all.

export interface JsonSyntaxProblem {
  /** 1-based, as editors show them. */
  line: number;
  column: number;
  message: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * A validating scanner (it builds no values) that walks the grammar and stops at the first offending
 * character. Only run after JSON.parse has failed, so speed does not matter; exact messages do.
 */
function scan(text: string): void {
  let pos = 0;
  const peek = (): string | undefined => text[pos];
  const describe = (char: string | undefined): string => (char === undefined ? 'end of file' : `"${char}"`);
  const stop = (reason: string, at = pos): Stop => new Stop(at, reason);
  const skipSpace = (): void => {
    while (pos < text.length && ' \t\r\n'.includes(text[pos]!)) pos++;
    // JSONC habits are the most common cause of a broken config; name them instead of "unexpected /".
    if (text.startsWith('//', pos) || text.startsWith('/*', pos)) throw stop('comments are not allowed in JSON');
  };
  const expect = (char: string, what: string): void => {
    if (peek() !== char) throw stop(`expected ${what}, found ${describe(peek())}`);
    pos++;
  };

  const string = (): void => {
    expect('"', 'a double-quoted string');
    for (;;) {
      const char = peek();
      if (char === undefined || char === '\n') throw stop('unterminated string');
      if (char === '"') return void pos++;
      if (char < ' ') throw stop('control characters must be escaped inside strings');
      if (char === '\\') {
        const escape = text[pos + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) throw stop('invalid \\u escape');
          pos += 6;
          continue;
        }
        if (escape === undefined || !'"\\/bfnrt'.includes(escape)) throw stop(`invalid escape "\\${escape ?? ''}"`);
        pos += 2;
        continue;
      }
      pos++;
    }
  };

  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos));
    if (!match) throw stop(`unexpected ${describe(peek())}`);
    pos += match[0].length;
  };

  const value = (): void => {
    skipSpace();
    const char = peek();
    if (char === '{') return object();
    if (char === '[') return array();
    if (char === '"') return string();
    if (char === "'") throw stop('strings must use double quotes');
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, pos)) return void (pos += word.length);
    }
    throw stop(char === undefined ? 'unexpected end of file, expected a value' : `unexpected ${describe(char)}, expected a value`);
  };

  // Shared by objects and arrays: items separated by commas, no trailing comma.
  const items = (close: string, item: () => void): void => {
    pos++;
    skipSpace();
    if (peek() === close) return void pos++;
    for (;;) {
      item();
      skipSpace();
      if (peek() === close) return void pos++;
      if (peek() !== ',') throw stop(`expected "," or "${close}", found ${describe(peek())}`);
      const comma = pos++;
      skipSpace();
      if (peek() === close) throw stop('trailing commas are not allowed in JSON', comma);
    }
  };

  const object = (): void =>
    items('}', () => {
      skipSpace();
      if (peek() !== '"') throw stop(`expected a double-quoted property name, found ${describe(peek())}`);
      string();
      skipSpace();
      expect(':', '":" after the property name');
      value();
    });
  const array = (): void => items(']', value);

  value();
  skipSpace();
  if (pos < text.length) throw stop(`unexpected ${describe(peek())} after the end of the document`);
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Where and why `text` is not valid JSON; undefined if the scanner finds nothing wrong. */
export function locateJsonSyntaxError(text: string): JsonSyntaxProblem | undefined {
  try {
    scan(text);
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { ...lineAndColumn(text, error.offset), message: error.reason };
  }
}
