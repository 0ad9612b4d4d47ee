// Line parsers for nested configs, each keeping a small bounded key path across lines: an
// indentation stack for YAML, a container stack for JSON, an element stack for XML.
import { unquote } from '../placeholders.js';
import type { LineParser } from '../line-parser.js';
import type { RawMatch } from '../types.js';
import { judge, SECRET_CONTEXT, SECRET_WORD } from './config-secret.js';

/** Deeper nesting than this is data, not configuration; the path stays bounded whatever the input. */
const MAX_DEPTH = 64;

// Reference: YAML 1.2.2 spec, §8.2 "Block Collection Styles" (block mappings by indentation,
// `- ` sequence entries) and §7.3 "Flow Scalar Styles" (plain, single- and double-quoted scalars).
const YAML_KEY = /^( *)((?:- +)*)("[^"]+"|'[^']+'|[^\s#'"{[\-?][^#]*?|-[^\s#][^#]*?)\s*:(?:[ \t]+(.*?))?\s*$/;

/** Where a quoted YAML scalar closes: `\"` escapes in double quotes, `''` doubles in single quotes. */
function closingQuote(raw: string, quote: string): number {
  for (let i = 1; i < raw.length; i++) {
    if (quote === '"' && raw[i] === '\\') i++;
    else if (raw[i] === quote) {
      if (quote === "'" && raw[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

function yamlScalar(raw: string): { value: string; offset: number } {
  const quote = raw[0];
  if (quote === '"' || quote === "'") {
    const close = closingQuote(raw, quote);
    return { value: close === -1 ? raw.slice(1) : raw.slice(1, close), offset: 1 };
  }
  return { value: raw.replace(/\s+#.*$/, ''), offset: 0 };
}

function isBase64Text(value: string): boolean {
  if (value.length < 8 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  return !/[\x00-\x08\x0e-\x1f\ufffd]/.test(Buffer.from(value, 'base64').toString('utf8'));
}

/** Keys that name the entry of a name/value list (Kubernetes env, CloudFormation parameters, Postman variables). */
const NAME_KEYS = new Set(['name', 'key', 'Name', 'Key', 'ParameterKey', 'variable']);
const VALUE_KEYS = new Set(['value', 'Value', 'ParameterValue', 'defaultValue']);

/**
 * A block scalar's header (`|`, `>-`, `|2`, `|2-`): the value starts on the next, deeper line.
 * YAML 1.2.2 §8.1.1 lets the indentation and chomping indicators come in either order.
 */
export const BLOCK_SCALAR = /^[|>](?:[+-]?\d*|\d+[+-])$/;

export function yamlParser(): LineParser {
  const stack: { indent: number; key: string; secret: boolean }[] = [];
  /** Keys in the stack that name a credential container (`bearer:`, `credentials:`). */
  let secretContainers = 0;
  /** A key whose value is a block scalar: its first line is judged as the value. */
  let block: { path: string[]; indent: number } | undefined;
  /** `name: DB_PASSWORD` of a Kubernetes env entry (or `key:` of a key/value list): its sibling `value:` holds the secret. */
  let named: { indent: number; name: string } | undefined;
  return {
    parse(line, out) {
      if (block !== undefined) {
        const text = line.trim();
        if (text === '') return;
        const at = line.length - line.trimStart().length;
        const { path, indent } = block;
        block = undefined;
        if (at > indent) return judge(path, text, at, out);
      }
      if (line.startsWith('---') || line.startsWith('...')) {
        stack.length = 0;
        secretContainers = 0;
        return;
      }
      // Indentation closes enclosing keys; counted by hand so most lines need no regex at all.
      let indent = 0;
      while (line.charCodeAt(indent) === 0x20 || (line.charCodeAt(indent) === 0x2d && line.charCodeAt(indent + 1) === 0x20)) indent++;
      const first = line.charCodeAt(indent);
      if (Number.isNaN(first) || first === 0x23) return; // blank or comment
      while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) if (stack.pop()!.secret) secretContainers--;
      if (named !== undefined && (indent < named.indent || (indent === named.indent && line.lastIndexOf('- ', indent) !== -1))) named = undefined;
      const opensBlock = line.trimEnd().endsWith(':');
      if (!opensBlock && secretContainers === 0 && named === undefined && !SECRET_WORD.test(line)) return;
      if (indent >= 2 && line.charCodeAt(indent - 2) === 0x2d) {
        // A sequence entry `- DB_PASSWORD=…` (docker-compose's environment list).
        const entry = /^(["']?)([A-Za-z_][\w.]*)=(.*?)\1\s*$/.exec(line.slice(indent));
        if (entry !== null) return judge([entry[2] ?? ''], entry[3] ?? '', indent + (entry[1] ?? '').length + (entry[2] ?? '').length + 1, out);
      }
      const m = YAML_KEY.exec(line);
      if (m === null) return;
      const [, , , rawKey = '', raw] = m;
      const key = unquote(rawKey);
      if (named !== undefined && indent === named.indent && VALUE_KEYS.has(key) && raw !== undefined && raw !== '') {
        const { value, offset } = yamlScalar(raw);
        const name = named.name;
        named = undefined;
        return judge([name], value, line.lastIndexOf(raw) + offset, out);
      }
      // `key:` also names a credential itself under a secret-named parent (`api: {key: …}`): judged below too.
      if (NAME_KEYS.has(key) && raw !== undefined && raw !== '') named = { indent, name: yamlScalar(raw).value };
      if (raw === undefined || raw === '') {
        if (stack.length < MAX_DEPTH) {
          const secret = SECRET_CONTEXT.test(key);
          if (secret) secretContainers++;
          stack.push({ indent, key, secret });
        }
        return;
      }
      if (BLOCK_SCALAR.test(raw)) {
        block = { path: [...stack.map((s) => s.key), key], indent };
        return;
      }
      const { value, offset } = yamlScalar(raw);
      // A Kubernetes Secret's base64 `data`: its sniffer decodes and judges the value itself.
      if (stack.length === 1 && stack[0]!.key === 'data' && indent > 0 && isBase64Text(value)) return;
      judge([...stack.map((s) => s.key), key], value, line.lastIndexOf(raw) + offset, out);
    },
  };
}

interface Container {
  key: string;
  array: boolean;
  /** The key names a credential's container (`github-oauth`, `bearer`, `credentials`): its values are judged whatever their own line says. */
  secret: boolean;
}

/** `"key": {`, `"key": [`, a closer, `"key": "value"`, or a bare string (an array element). */
const JSON_TOKEN = /"((?:[^"\\\n]|\\.){0,512})"\s*:\s*(?:([{[])|"((?:[^"\\\n]|\\.)*)")|([{[])|([}\]])|"((?:[^"\\\n]|\\.)*)"/g;
const PRETTY_OPEN = /^"((?:[^"\\]|\\.){0,512})"\s*:\s*[{[]$/;

/** A JSON document stored as a string value (a secret manager's payload in a config): its members are judged too. */
function embedded(value: string, at: number, out: RawMatch[]): void {
  const inner: RawMatch[] = [];
  // The inner parse shares the global JSON_TOKEN regex with the caller's loop: keep its place.
  const resume = JSON_TOKEN.lastIndex;
  jsonParser().parse(value.replace(/\\(["\\/])/g, '$1'), inner, 0, 0);
  JSON_TOKEN.lastIndex = resume;
  for (const m of inner) out.push({ ...m, index: at + Math.max(0, value.indexOf(m.secret)) });
}

/** `\"key\": \"value\"`: a member of a JSON document that is itself inside a JSON string. */
const ESCAPED_MEMBER = /^\s*\\"[^"\\]{1,200}\\"\s*:\s*\\"/;

function escapedMember(line: string, out: RawMatch[]): void {
  const inner: RawMatch[] = [];
  const resume = JSON_TOKEN.lastIndex;
  jsonParser().parse(`{${line.replace(/\\(["\\/])/g, '$1').replace(/,\s*$/, '')}}`, inner, 0, 0);
  JSON_TOKEN.lastIndex = resume;
  for (const m of inner) out.push({ ...m, index: Math.max(0, line.indexOf(m.secret)) });
}

// Reference: RFC 8259 "The JavaScript Object Notation (JSON) Data Interchange Format" §4–§7.
export function jsonParser(): LineParser {
  const stack: Container[] = [];
  /** Containers in the stack whose key names a credential container. */
  let secretContainers = 0;
  const push = (key: string, array: boolean): void => {
    if (stack.length >= MAX_DEPTH) return;
    const secret = key !== '' && SECRET_CONTEXT.test(key);
    if (secret) secretContainers++;
    stack.push({ key, array, secret });
  };
  const pop = (): void => {
    if (stack.pop()?.secret === true) secretContainers--;
  };
  /** `"name": "DB_PASSWORD"` of a name/value object, at the depth it was seen: its `"value"` holds the secret. */
  let named: { depth: number; name: string } | undefined;
  /** Every token of the line: the stack follows its brackets, and string values are judged. */
  const tokens = (line: string, out: RawMatch[] | undefined): void => {
    JSON_TOKEN.lastIndex = 0;
    for (let m = JSON_TOKEN.exec(line); m !== null; m = JSON_TOKEN.exec(line)) {
      const [whole, key, keyOpen, value, open, close, element] = m;
      if (close !== undefined) {
        pop();
        named = undefined;
      } else if (open !== undefined) push(stack[stack.length - 1]?.array === true ? stack[stack.length - 1]!.key : '', open === '[');
      else if (keyOpen !== undefined) push(key ?? '', keyOpen === '[');
      else {
        if (value !== undefined && NAME_KEYS.has(key ?? '')) named = { depth: stack.length, name: value };
        if (out === undefined) continue;
        const at = m.index + whole.length - 1 - (value ?? '').length;
        if (value !== undefined && named !== undefined && named.depth === stack.length && VALUE_KEYS.has(key ?? ''))
          judge([named.name], value, at, out);
        else if (value !== undefined) {
          judge([...stack.map((s) => s.key), key ?? ''], value, at, out);
          if (value.startsWith('{') && value.includes('\\"')) embedded(value, at, out);
        } else if (element !== undefined && stack[stack.length - 1]?.array === true)
          judge(
            stack.map((s) => s.key),
            element,
            m.index + 1,
            out,
          );
      }
    }
  };
  return {
    parse(line, out) {
      // A host or name key under `"github-oauth": {` holds the credential on a line that names none;
      // so does the `"value"` after a secret-named `"name"`.
      if (secretContainers > 0 || named !== undefined || SECRET_WORD.test(line)) {
        // A line of a JSON document escaped inside a string (`\"api_token\": \"…\"`): read unescaped.
        if (line.includes('\\"') && ESCAPED_MEMBER.test(line)) return escapedMember(line, out);
        return tokens(line, out);
      }
      // Most lines name no secret: only the brackets matter, and pretty-printed lines show them at their ends.
      const text = line.trim();
      const last = text.charCodeAt(text.length - 1);
      const first = text.charCodeAt(0);
      if (text.length === 1 && (first === 0x7b || first === 0x5b)) return push('', first === 0x5b);
      if (first === 0x7d || first === 0x5d) {
        if (text.length <= 3) {
          for (let i = 0; i < text.length && text[i] !== ','; i++) pop();
          return;
        }
      } else if (last === 0x7b || last === 0x5b) {
        const open = PRETTY_OPEN.exec(text);
        if (open !== null) return push(open[1] ?? '', last === 0x5b);
      } else if (!/[{}[\]]/.test(text)) return;
      tokens(line, undefined); // a one-line object or array: follow its brackets
    },
  };
}

// Reference: W3C XML 1.0 (Fifth Edition) §3.1 "Start-Tags, End-Tags, and Empty-Element Tags" and
// §2.5 "Comments"; .NET <appSettings><add key="…" value="…"/> and Spring <property name="…" value="…"/>.
const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTRIBUTE = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function localName(name: string): string {
  const colon = name.lastIndexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

export function xmlParser(): LineParser {
  const stack: string[] = [];
  let inComment = false;
  /** An element opened at the end of the previous line: its text may be the next line (`<password>\n  …\n</password>`). */
  let textOf: string[] | undefined;
  return {
    parse(rawLine, out) {
      if (textOf !== undefined && !inComment) {
        const path = textOf;
        textOf = undefined;
        const text = rawLine.trim();
        if (text !== '' && !text.includes('<')) return judge(path, text, rawLine.indexOf(text), out);
      }
      if (!inComment && !rawLine.includes('<')) return;
      // Blank out comments, keeping offsets: examples inside <!-- … --> are documentation.
      let line = '';
      for (let i = 0; i < rawLine.length;) {
        const marker = inComment ? '-->' : '<!--';
        const at = rawLine.indexOf(marker, i);
        const stop = at === -1 ? rawLine.length : at + (inComment ? 3 : 0);
        line += inComment ? ' '.repeat(stop - i) : rawLine.slice(i, stop);
        if (at !== -1) inComment = !inComment;
        i = at === -1 ? rawLine.length : stop;
      }
      const interesting = SECRET_WORD.test(line);
      TAG.lastIndex = 0;
      for (let m = TAG.exec(line); m !== null; m = TAG.exec(line)) {
        const [whole, closing, rawName = '', attributes = '', selfClosing] = m;
        const name = localName(rawName);
        if (closing === '/') {
          const at = stack.lastIndexOf(name);
          if (at !== -1) stack.length = at;
          continue;
        }
        if (interesting && attributes !== '') attributeSecrets(name, attributes, m.index + whole.indexOf(attributes), stack, out);
        if (selfClosing === '/') continue;
        // <property name="db.password">…</property> (Hibernate, Ant, Maven): the name attribute names the text.
        const label = attributes === '' ? undefined : NAME_ATTRIBUTE.exec(attributes);
        const own = label ? [name, label[1] ?? label[2] ?? ''] : [name];
        const end = m.index + whole.length;
        const close = line.indexOf(`</${rawName}>`, end);
        const cdata = close === -1 ? null : /^\s*<!\[CDATA\[([^]*?)\]\]>\s*$/.exec(line.slice(end, close));
        if (close !== -1 && (cdata !== null || !line.slice(end, close).includes('<'))) {
          if (interesting) {
            // <password><![CDATA[…]]></password>: the section's text is the value.
            const text = cdata !== null ? (cdata[1] ?? '') : line.slice(end, close);
            const trimmed = text.trim();
            judge([...stack, ...own], trimmed, end + line.slice(end, close).indexOf(text) + text.indexOf(trimmed), out);
          }
          TAG.lastIndex = close + rawName.length + 3;
        } else if (stack.length < MAX_DEPTH) {
          stack.push(name);
          if (interesting || SECRET_CONTEXT.test(name)) textOf = line.slice(end).trim() === '' ? [...stack, ...own.slice(1)] : undefined;
        }
      }
    },
  };
}

const NAME_ATTRIBUTE = /(?:^|\s)(?:name|key)\s*=\s*(?:"([^"]*)"|'([^']*)')/;

/** `<add key="DbPassword" value="…"/>`, `<property name="password" value="…"/>`, `<db password="…"/>`. */
function attributeSecrets(element: string, attributes: string, at: number, stack: readonly string[], out: Parameters<LineParser['parse']>[1]): void {
  const attrs = new Map<string, { value: string; index: number }>();
  ATTRIBUTE.lastIndex = 0;
  for (let a = ATTRIBUTE.exec(attributes); a !== null; a = ATTRIBUTE.exec(attributes)) {
    const value = a[2] ?? a[3] ?? '';
    attrs.set(localName(a[1] ?? '').toLowerCase(), { value, index: at + a.index + a[0].length - 1 - value.length });
  }
  const named = attrs.get('key') ?? attrs.get('name');
  const value = attrs.get('value');
  if (named !== undefined && value !== undefined) judge([...stack, element, named.value], value.value, value.index, out);
  for (const [attribute, { value: v, index }] of attrs) {
    if (attribute !== 'key' && attribute !== 'name' && attribute !== 'value') judge([...stack, element, attribute], v, index, out);
  }
}
