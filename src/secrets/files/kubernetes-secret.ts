// Kubernetes Secret manifests: `data` values (base64) are decoded and scanned, `stringData` values read as they are.
import { isPlaceholder, unquote } from '../placeholders.js';
import type { LineParser, NestedScan } from '../line-parser.js';
import { Priority, type RawMatch } from '../types.js';
import type { CredentialFile } from './credential-file.js';
import { dockerConfig } from './docker-config.js';
import { configParser, configSyntaxOf, untypedSettingsParser } from '../config/index.js';
import { BLOCK_SCALAR } from '../config/nested-syntaxes.js';

// Reference: Kubernetes API reference, "Secret v1 core" (data: map of base64-encoded values,
// stringData: write-only plain values merged into data) and "Secrets — Docker config Secrets"
// (type kubernetes.io/dockerconfigjson with a .dockerconfigjson key).

/** A held-back entry can only be confirmed by `kind: Secret`, which kubectl writes after `data:` (it sorts keys). */
const MAX_HELD = 256;
/** Keys that hold public material or identifiers next to the secret (a TLS Secret's certificate, a service account's namespace). */
const PUBLIC_KEYS = /(?:^|[._-])(?:crt|cert|certificate|pub|namespace|ca|host|port|url|username|user|database|db|name)$/i;

interface Held extends RawMatch {
  at: { line: number; offset: number };
}

/** What a Secret value holds: a provider format or credential file found inside it, else the value itself. */
function findingsIn(scan: NestedScan, key: string, value: string, out: Held[], where: { line: number; offset: number }): void {
  const multiLine = value.includes('\n') && !key.startsWith('.docker');
  const inner =
    key === '.dockerconfigjson' || key === '.dockercfg'
      ? scan(value, dockerConfig.parser(true, key))
      : multiLine
        ? scan(value, fileContentParser(key)) // a whole file mounted from the Secret (config.ini: |)
        : scan(`${key}=${value}`);
  for (const m of inner)
    out.push({
      kind: m.kind,
      title: m.title,
      secret: m.secret,
      index: 0,
      priority: Priority.format,
      at: where,
      ...(m.severity ? { severity: m.severity } : {}),
    });
  if (inner.length > 0 || key.startsWith('.docker') || multiLine) return;
  if (PUBLIC_KEYS.test(key) || value.length < 4 || isPlaceholder(value) || /-----BEGIN CERTIFICATE/.test(value)) return;
  out.push({ kind: kubernetesSecret.id, title: kubernetesSecret.title, secret: value, index: 0, priority: Priority.file, at: where });
}

/** How a value that is a whole file is read: by its key's file name (`application.yml`), else as settings lines. */
function fileContentParser(key: string): LineParser {
  const syntax = configSyntaxOf(key);
  return syntax ? configParser(syntax) : untypedSettingsParser();
}

function decode(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return undefined;
  const text = Buffer.from(value, 'base64').toString('utf8');
  // Binary values (keystores) are not text to judge; a credential format inside them is rare.
  return /[\x00-\x08\x0e-\x1f\ufffd]/.test(text) ? undefined : text;
}

/** One Kubernetes object being read: a document, or an item of a `kind: List`. */
interface ManifestObject {
  isSecret: boolean;
  section: 'data' | 'stringData' | undefined;
  held: Held[];
}

const newObject = (): ManifestObject => ({ isSecret: false, section: undefined, held: [] });

/** Reads one entry of `data`/`stringData` into the object's held findings. */
function entry(scan: NestedScan | undefined, object: ManifestObject, key: string, raw: string, where: { line: number; offset: number }): void {
  if (scan === undefined || object.section === undefined || object.held.length >= MAX_HELD) return;
  const value = object.section === 'data' ? decode(raw) : raw;
  if (value === undefined) return;
  const text = value.length > 64 * 1024 ? value.slice(0, 64 * 1024) : value;
  findingsIn(scan, key, key.startsWith('.docker') ? text : text.trim(), object.held, where);
}

/** A top-level key of an object: `kind` says whether it is a Secret, `data`/`stringData` open a section. */
function topKey(object: ManifestObject, key: string, value: string): void {
  if (key === 'kind') object.isSecret = unquote(value) === 'Secret';
  object.section = key === 'data' || key === 'stringData' ? key : undefined;
}

/** A key line of a YAML manifest: indentation, an optional list dash, key and value. */
const YAML_LINE = /^(\s*)(-\s+)?("[^"]+"|'[^']+'|[^\s:#"'-][^:#]*?):(?:\s+(.*?))?\s*$/;

/** A block scalar longer than this is read up to here (a Secret's value is at most a few KiB). */
const MAX_BLOCK = 64 * 1024;

/** A `data`/`stringData` value written as a block scalar, being collected line by line. */
interface Block {
  key: string;
  keyIndent: number;
  literal: boolean;
  lines: string[];
  bytes: number;
  where: { line: number; offset: number };
}

function yamlManifestParser(): LineParser {
  let object = newObject();
  /** Indentation of the current object's own keys: 0 for a document, deeper for an item of `items:`. */
  let base = 0;
  let scan: NestedScan | undefined;
  let block: Block | undefined;
  /** The collected block scalar becomes its entry: base64 (`data`) loses its line breaks, text keeps them (`|`) or folds them (`>`). */
  const endBlock = (): void => {
    if (block === undefined) return;
    const { key, lines, literal, where } = block;
    block = undefined;
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
    const body = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0));
    const value = object.section === 'data' ? body.join('').replace(/\s+/g, '') : body.join(literal ? '\n' : ' ');
    if (value !== '') entry(scan, object, key, value, where);
  };
  const flush = (out: RawMatch[]): void => {
    endBlock();
    if (object.isSecret) out.push(...object.held);
    object = newObject();
  };
  return {
    parse(line, out, lineNo, offset) {
      if (block !== undefined) {
        const indent = line.length - line.trimStart().length;
        if (line.trim() === '' || indent > block.keyIndent) {
          if (block.bytes < MAX_BLOCK) {
            block.lines.push(line.trim() === '' ? '' : line);
            block.bytes += line.length;
          }
          return;
        }
        endBlock();
      }
      if (line.startsWith('---')) {
        base = 0;
        return flush(out);
      }
      const m = YAML_LINE.exec(line);
      if (m === null) return;
      const [, spaces = '', dash, rawKey = '', raw = ''] = m;
      const indent = spaces.length + (dash?.length ?? 0);
      if (dash !== undefined && indent > 0 && (indent <= base || object.section === undefined)) {
        // `- apiVersion: v1` under `items:` starts the next object of a List.
        flush(out);
        base = indent;
      } else if (indent < base) {
        flush(out);
        base = indent;
      }
      const key = unquote(rawKey);
      if (indent === base) return topKey(object, key, raw);
      if (raw === '') return;
      if (object.section !== undefined && BLOCK_SCALAR.test(raw)) {
        block = {
          key,
          keyIndent: indent,
          literal: raw.startsWith('|'),
          lines: [],
          bytes: 0,
          where: { line: lineNo + 1, offset: offset + line.length + 1 },
        };
        return;
      }
      entry(scan, object, key, unquote(raw), { line: lineNo, offset: offset + line.lastIndexOf(raw) });
    },
    end: flush,
    attach(nested) {
      scan = nested;
    },
  };
}

/** A member line of pretty-printed JSON (`kubectl get secret -o json`): key, then the rest. */
const JSON_MEMBER = /^\s*"((?:[^"\\]|\\.)+)"\s*:\s*(.*?)\s*,?\s*$/;

/** Depth change of a JSON line: brackets outside strings. */
function depthChange(line: string): { opened: number; closed: number } {
  let opened = 0;
  let closed = 0;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') opened++;
    else if (c === '}' || c === ']') {
      if (opened > 0) opened--;
      else closed++;
    }
  }
  return { opened, closed };
}

/** A whole object on one line (`kubectl get secret -o json | jq -c`) is parsed as JSON up to this length. */
const MAX_ONE_LINE = 256 * 1024;
const ONE_LINE_KIND = /"kind"\s*:\s*"(?:Secret|List)"/;

/** Reads a Secret (or a List of them) written on one line; false when the line is not one whole JSON object. */
function oneLineManifest(scan: NestedScan | undefined, line: string, out: RawMatch[], lineNo: number, offset: number): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return false;
  }
  const visit = (value: unknown, depth: number): void => {
    if (typeof value !== 'object' || value === null || depth > 2) return;
    const record = value as Record<string, unknown>;
    if (record.kind === 'List' && Array.isArray(record.items)) for (const item of record.items) visit(item, depth + 1);
    if (record.kind !== 'Secret') return;
    const object = newObject();
    object.isSecret = true;
    for (const section of ['data', 'stringData'] as const) {
      const members = record[section];
      if (typeof members !== 'object' || members === null) continue;
      object.section = section;
      for (const [key, raw] of Object.entries(members)) {
        if (typeof raw !== 'string') continue;
        const at = line.indexOf(JSON.stringify(raw));
        entry(scan, object, key, raw, { line: lineNo, offset: offset + Math.max(0, at + 1) });
      }
    }
    out.push(...object.held);
  };
  visit(parsed, 0);
  return true;
}

function jsonManifestParser(): LineParser {
  /** The object of each open depth (a List's items are objects two levels down). */
  const objects: (ManifestObject | undefined)[] = [];
  let depth = 0;
  let scan: NestedScan | undefined;
  /** The depth whose object's section is open, or -1. */
  let sectionDepth = -1;
  const close = (to: number, out: RawMatch[]): void => {
    while (objects.length > to) {
      const object = objects.pop();
      if (object?.isSecret === true) out.push(...object.held);
    }
    if (sectionDepth >= to) sectionDepth = -1;
  };
  return {
    parse(line, out, lineNo, offset) {
      if (depth === 0 && line.length <= MAX_ONE_LINE && line.trimStart().startsWith('{') && ONE_LINE_KIND.test(line)) {
        if (oneLineManifest(scan, line.trim(), out, lineNo, offset + line.length - line.trimStart().length)) return;
      }
      const { opened, closed } = depthChange(line);
      if (closed > 0) {
        depth = Math.max(0, depth - closed);
        close(depth + 1, out);
      }
      const m = JSON_MEMBER.exec(line);
      if (m !== null && depth > 0 && depth <= MAX_HELD) {
        const key = (m[1] ?? '').replace(/\\(.)/g, '$1');
        const rest = m[2] ?? '';
        const value = /^"((?:[^"\\]|\\.)*)"$/.exec(rest)?.[1];
        const owner = objects[depth - 2];
        if (sectionDepth === depth - 1 && owner !== undefined && value !== undefined) {
          entry(scan, owner, key, value.replace(/\\n/g, '\n').replace(/\\(.)/g, '$1'), { line: lineNo, offset: offset + line.lastIndexOf(rest) + 1 });
        } else {
          const object = (objects[depth - 1] ??= newObject());
          topKey(object, key, value ?? '');
          sectionDepth = object.section !== undefined && rest.startsWith('{') ? depth : -1;
        }
      }
      if (closed === 0 || opened > 0) depth += opened;
    },
    end(out) {
      close(0, out);
    },
    attach(nested) {
      scan = nested;
    },
  };
}

export const kubernetesSecret: CredentialFile = {
  id: 'kubernetes-secret-data',
  title: 'Value of a Kubernetes Secret manifest',
  severity: 'error',
  keywords: [],
  paths: 'any YAML document or JSON object with kind: Secret, items of a kind: List included',
  summary:
    "Each data (base64-decoded, also when wrapped over lines as a block scalar) and stringData value (a whole file held as a block scalar is read by its key's file name) of a kind: Secret document: a provider format or a .dockerconfigjson login found inside is reported as such, any other value as this. Ignores certificates, namespaces, user names, hosts and placeholders.",
  matchesPath: () => false,
  sniff: ['yaml', 'json'],
  parser: (_byPath, path) => (/\.json$/i.test(path) ? jsonManifestParser() : yamlManifestParser()),
};
