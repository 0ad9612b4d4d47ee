// The text scanner hands a secret-word line parser (source code's literals) only the lines where the
// trigger pass saw a secret word: it must find exactly what the same parser finds on every line,
// whatever the chunking, line endings and endless lines.
import { describe, expect, it } from 'vitest';
import { codeLiteralParser } from '../../../src/secrets/config/code-literals.js';
import type { LineParser } from '../../../src/secrets/line-parser.js';
import { TextScanner } from '../../../src/secrets/text-scanner.js';
import type { SecretMatch } from '../../../src/secrets/types.js';
import { alphabet as A, body } from './corpus/gen.js';

const value = (seed: string): string => body(A.alnum, 24, seed);

function scan(text: string, parser: LineParser, chunk: number): SecretMatch[] {
  const scanner = new TextScanner({ lineParser: parser, latin1: true });
  for (let at = 0; at < text.length; at += chunk) scanner.push(text.slice(at, at + chunk));
  return scanner.finish();
}

/** Source text with secret-named literals among ordinary lines, CRLF lines and lines longer than the scanner's carry. */
function source(): string {
  const lines: string[] = [];
  for (let i = 0; i < 400; i++) {
    const v = value(`words-${i}`);
    switch (i % 9) {
      case 0:
        lines.push(`API_TOKEN = "${v}"`);
        break;
      case 1:
        lines.push(`    const dbPassWord = '${v}'; // and a Key word after it\r`);
        break;
      case 2:
        lines.push(`x = 1  # no word here, "quoted ${v}"`);
        break;
      case 3:
        lines.push(`${'a'.repeat(40_000 + i)} client_secret = "${v}"`);
        break;
      case 4:
        lines.push(`settings["AUTH_KEY"] = "${v}" ; other_token = "${value(`second-${i}`)}"`);
        break;
      case 5:
        lines.push(`SeCrEt = "${v}"`);
        break;
      default:
        lines.push(`def function_${i}(arg): return arg * ${i}`);
    }
  }
  return lines.join('\n');
}

describe('TextScanner with a secret-word line parser', () => {
  const text = source();
  const everyLine: LineParser = { ...codeLiteralParser(), secretWordLinesOnly: false };

  // Whether a line longer than the carry is parsed depends on how it arrives (whole in one push, or
  // cut into segments), so each chunking is compared with the every-line parser under the same one.
  it.each([1_000, 4_096, 65_536, 1 << 20])('finds what a parser of every line finds, in %i-character pushes', (chunk) => {
    const expected = scan(text, everyLine, chunk);
    expect(expected.length).toBeGreaterThan(100);
    expect(scan(text, codeLiteralParser(), chunk)).toEqual(expected);
  });
});
