// Line parsers for flat key = value configs: INI/TOML/.properties (with [section] context), shell
// assignments and `export`, Dockerfile ENV/ARG. Each hands (key path, value) to the config judge.
import { unquote } from '../placeholders.js';
import type { LineParser } from '../line-parser.js';
import type { RawMatch } from '../types.js';
import { judge, SECRET_WORD } from './config-secret.js';

// Reference: Python configparser docs ("Supported INI File Structure": `key = value` or
// `key: value`, [sections], `#`/`;` comments), TOML v1.0.0 spec (tables, dotted keys, basic and
// literal strings), java.util.Properties#load (`key=value`, `key: value`, `key value`).
const SECTION = /^\s*\[\[?\s*([^\]]*?)\s*\]\]?\s*(?:[#;].*)?$/;
// A key may start with ':' (a Ruby symbol: RubyGems' `:rubygems_api_key: …`).
const KEY_VALUE = /^\s*("[^"]*"|'[^']*'|:?[^\s=:#;"'[][^=:]*?)\s*[=:]\s*(.*?)\s*$/;

/** The value as INI/TOML/properties readers see it: quoted text verbatim, else up to an inline comment. */
function iniValue(raw: string): { value: string; offset: number } {
  const quote = raw[0];
  if (quote === '"' || quote === "'") {
    const close = raw.indexOf(quote, 1);
    return { value: close === -1 ? raw.slice(1) : raw.slice(1, close), offset: 1 };
  }
  return { value: raw.replace(/\s+[#;].*$/, ''), offset: 0 };
}

export function iniParser(): LineParser {
  let section: string[] = [];
  return {
    parse(line, out) {
      const first = line.trimStart()[0];
      if (first === undefined || first === '#' || first === ';' || first === '!') return;
      if (first === '[') {
        const s = SECTION.exec(line);
        if (s !== null) section = (s[1] ?? '').split('.').map((part) => unquote(part));
        return;
      }
      if (!SECRET_WORD.test(line)) return;
      const m = KEY_VALUE.exec(line);
      if (m === null) return;
      const key = unquote(m[1] ?? '');
      // A key is a name, not code or prose: `jwt.decode(x, "secret", algorithms=…` is neither.
      if (/[()<>,;{}$"'`]/.test(key)) return;
      const raw = m[2] ?? '';
      const { value, offset } = iniValue(raw);
      judge([...section, ...key.split('.')], value, m.index + m[0].lastIndexOf(raw) + offset, out);
    },
  };
}

// Reference: POSIX Shell Command Language §2.9.1 (variable assignments) and bash's `export`/
// `declare -x`/`readonly`/`local` builtins.
// `-e KEY=value` / `--env KEY=value` pass an assignment to a container (docker run, podman, kubectl).
const SHELL_ASSIGNMENT =
  /(?:^|[;&|]\s*|\b(?:export|declare\s+-[a-zA-Z]+|readonly|local|typeset)\s+|\s(?:-e|--env)(?:\s+|=))([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|[^\s"';&|)`]+)/g;

/** A long option with its value: `--password=…`, `--token …`, `--api-key "…"` (the name is judged like a key). */
const LONG_OPTION = /(?:^|\s)--([A-Za-z][\w-]{1,40})(?:=|[ \t]+)("[^"]*"|'[^']*'|[^\s"'`;&|)-][^\s"'`;&|)]*)/g;

/** Judge every `KEY=value` and `--secret-option value` of a command line. */
function commandLine(line: string, out: RawMatch[], offset = 0): void {
  for (const pattern of [SHELL_ASSIGNMENT, LONG_OPTION]) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(line); m !== null; m = pattern.exec(line)) {
      const [whole, key = '', raw = ''] = m;
      const quoted = raw[0] === '"' || raw[0] === "'";
      judge([key], quoted ? raw.slice(1, -1) : raw, offset + m.index + whole.length - raw.length + (quoted ? 1 : 0), out);
    }
  }
}

export function shellParser(): LineParser {
  return {
    parse(line, out) {
      if (!SECRET_WORD.test(line) || line.trimStart().startsWith('#')) return;
      commandLine(line, out);
    },
  };
}

// Reference: Dockerfile reference, "ENV" (`ENV KEY=value …` and the legacy `ENV KEY value`) and
// "ARG" (`ARG NAME=default`).
const DOCKERFILE_INSTRUCTION = /^\s*(ENV|ARG|RUN)\s+(.*)$/i;
const PAIR = /([A-Za-z_][\w.-]*)=("[^"]*"|'[^']*'|\S+)/g;

export function dockerfileParser(): LineParser {
  /** The instruction a line ending in `\` continues onto the next line (a RUN's `--password=…` below its command). */
  let continued: string | undefined;
  return {
    parse(line, out) {
      const instruction = continued;
      const m = instruction === undefined ? DOCKERFILE_INSTRUCTION.exec(line) : null;
      const keyword = instruction ?? (/^\s*([A-Za-z]+)\s/.exec(line)?.[1] ?? '').toUpperCase();
      const commentOrBlank = instruction !== undefined && /^\s*(?:#|$)/.test(line); // Docker skips these inside a continuation
      continued = /\\\s*$/.test(line) || (commentOrBlank && instruction !== undefined) ? keyword : undefined;
      if (!SECRET_WORD.test(line) || commentOrBlank) return;
      if (instruction !== undefined) {
        if (instruction === 'RUN') return commandLine(line, out);
        if (instruction !== 'ENV' && instruction !== 'ARG') return;
      } else if (m === null) return;
      const rest = m === null ? line.trimStart() : (m[2] ?? '');
      const restAt = line.length - rest.length;
      if (m !== null && (m[1] ?? '').toUpperCase() === 'RUN') return commandLine(rest, out, restAt);
      if (!rest.includes('=')) {
        const legacy = /^([A-Za-z_][\w.-]*)\s+(.+?)\s*$/.exec(rest);
        if (legacy !== null)
          judge([legacy[1] ?? ''], unquote(legacy[2] ?? ''), restAt + rest.indexOf(legacy[2] ?? '', (legacy[1] ?? '').length), out);
        return;
      }
      PAIR.lastIndex = 0;
      for (let p = PAIR.exec(rest); p !== null; p = PAIR.exec(rest)) {
        const [whole, key = '', raw = ''] = p;
        const quoted = raw[0] === '"' || raw[0] === "'";
        judge([key], quoted ? raw.slice(1, -1) : raw, restAt + p.index + whole.length - raw.length + (quoted ? 1 : 0), out);
      }
    },
  };
}
