// Line parsers for nested configs, each keeping a small bounded key path across lines: an
// indentation stack for YAML, a container stack for JSON, an element stack for XML.
import { unquote } from '../placeholders.js';
import type { LineParser } from '../text-scanner.js';
import { judge, SECRET_WORD } from './config-secret.js';

/** Deeper nesting than this is data, not configuration; the path stays bounded whatever the input. */
const MAX_DEPTH = 64;

// Reference: YAML 1.2.2 spec, §8.2 "Block Collection Styles" (block mappings by indentation,
// `- ` sequence entries) and §7.3 "Flow Scalar Styles" (plain, single- and double-quoted scalars).
const YAML_KEY = /^( *)((?:- +)*)("[^"]+"|'[^']+'|[^\s#'"{[\-?][^#]*?|-[^\s#][^#]*?)\s*:(?:[ \t]+(.*?))?\s*$/;

function yamlScalar(raw: string): { value: string; offset: number } {
  const quote = raw[0];
  if (quote === '"' || quote === "'") {
    const close = raw.indexOf(quote, 1);
    return { value: close === -1 ? raw.slice(1) : raw.slice(1, close), offset: 1 };
  }
  return { value: raw.replace(/\s+#.*$/, ''), offset: 0 };
}

function isBase64Text(value: string): boolean {
  if (value.length < 8 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  return !/[\x00-\x08\x0e-\x1f\ufffd]/.test(Buffer.from(value, 'base64').toString('utf8'));
}

export function yamlParser(): LineParser {
  const stack: { indent: number; key: string }[] = [];
  return {
    parse(line, out) {
      if (line.startsWith('---') || line.startsWith('...')) {
        stack.length = 0;
        return;
      }
      const m = YAML_KEY.exec(line);
      if (m === null) return;
      const [, spaces = '', dashes = '', rawKey = '', raw] = m;
      const indent = spaces.length + dashes.length;
      while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
      const key = unquote(rawKey);
      if (raw === undefined || raw === '') {
        if (stack.length < MAX_DEPTH) stack.push({ indent, key });
        return;
      }
      if (!SECRET_WORD.test(line)) return;
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
}

// Reference: RFC 8259 "The JavaScript Object Notation (JSON) Data Interchange Format" §4–§7.
export function jsonParser(): LineParser {
  const stack: Container[] = [];
  let pendingKey: string | undefined;
  return {
    parse(line, out) {
      // Lines without a bracket leave the stack as it is; only secret-named ones need reading.
      if (!SECRET_WORD.test(line) && !/[{}[\]]/.test(line)) {
        pendingKey = undefined;
        return;
      }
      for (let i = 0; i < line.length; i++) {
        const c = line.charCodeAt(i);
        if (c === 0x22) {
          let j = i + 1;
          while (j < line.length && line.charCodeAt(j) !== 0x22) j += line.charCodeAt(j) === 0x5c ? 2 : 1;
          const text = line.slice(i + 1, j);
          let k = j + 1;
          while (line.charCodeAt(k) === 0x20 || line.charCodeAt(k) === 0x09) k++;
          if (line.charCodeAt(k) === 0x3a) {
            pendingKey = text;
            i = k;
            continue;
          }
          const top = stack[stack.length - 1];
          const path = stack.map((s) => s.key);
          if (pendingKey !== undefined) judge([...path, pendingKey], text, i + 1, out);
          else if (top?.array === true) judge(path, text, i + 1, out);
          pendingKey = undefined;
          i = j;
        } else if (c === 0x7b || c === 0x5b) {
          const top = stack[stack.length - 1];
          if (stack.length < MAX_DEPTH) stack.push({ key: pendingKey ?? (top?.array === true ? top.key : ''), array: c === 0x5b });
          pendingKey = undefined;
        } else if (c === 0x7d || c === 0x5d) {
          stack.pop();
          pendingKey = undefined;
        } else if (c === 0x2c) {
          pendingKey = undefined;
        }
      }
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
  return {
    parse(rawLine, out) {
      if (!inComment && !rawLine.includes('<')) return;
      // Blank out comments, keeping offsets: examples inside <!-- … --> are documentation.
      let line = '';
      for (let i = 0; i < rawLine.length; ) {
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
        const end = m.index + whole.length;
        const close = line.indexOf(`</${rawName}>`, end);
        if (close !== -1 && !line.slice(end, close).includes('<')) {
          if (interesting) {
            const text = line.slice(end, close);
            const trimmed = text.trim();
            judge([...stack, name], trimmed, end + text.indexOf(trimmed), out);
          }
          TAG.lastIndex = close + rawName.length + 3;
        } else if (stack.length < MAX_DEPTH) stack.push(name);
      }
    },
  };
}

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
