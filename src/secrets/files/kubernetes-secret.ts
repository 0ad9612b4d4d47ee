// Kubernetes Secret manifests: `data` values (base64) are decoded and scanned, `stringData` values read as they are.
import { isPlaceholder, unquote } from '../placeholders.js';
import type { LineParser, NestedScan } from '../line-parser.js';
import { Priority, type RawMatch } from '../types.js';
import type { CredentialFile } from './credential-file.js';
import { dockerConfig } from './docker-config.js';

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
  const inner = key === '.dockerconfigjson' || key === '.dockercfg' ? scan(value, dockerConfig.parser(true, key)) : scan(`${key}=${value}`);
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
  if (inner.length > 0 || key.startsWith('.docker')) return;
  if (PUBLIC_KEYS.test(key) || value.length < 4 || isPlaceholder(value) || /-----BEGIN CERTIFICATE/.test(value)) return;
  out.push({ kind: kubernetesSecret.id, title: kubernetesSecret.title, secret: value, index: 0, priority: Priority.file, at: where });
}

function decode(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return undefined;
  const text = Buffer.from(value, 'base64').toString('utf8');
  // Binary values (keystores) are not text to judge; a credential format inside them is rare.
  return /[\x00-\x08\x0e-\x1f\ufffd]/.test(text) ? undefined : text;
}

function secretManifestParser(): LineParser {
  let held: Held[] = [];
  let isSecret = false;
  let section: 'data' | 'stringData' | undefined;
  let scan: NestedScan | undefined;
  const flush = (out: RawMatch[]): void => {
    if (isSecret) out.push(...held);
    held = [];
    isSecret = false;
    section = undefined;
  };
  return {
    parse(line, out, lineNo, offset) {
      if (line.startsWith('---')) return flush(out);
      const top = /^([A-Za-z][\w-]*):\s*(.*?)\s*$/.exec(line);
      if (top !== null) {
        const [, key, value = ''] = top;
        if (key === 'kind') isSecret = unquote(value) === 'Secret';
        section = key === 'data' || key === 'stringData' ? key : undefined;
        return;
      }
      if (section === undefined || scan === undefined || held.length >= MAX_HELD) return;
      const entry = /^\s+("[^"]+"|'[^']+'|[^\s:#][^:#]*?):\s+(\S.*?)\s*$/.exec(line);
      if (entry === null) return;
      const key = unquote(entry[1] ?? '');
      const raw = unquote(entry[2] ?? '');
      const value = section === 'data' ? decode(raw) : raw;
      if (value === undefined) return;
      const where = { line: lineNo, offset: offset + line.lastIndexOf(entry[2] ?? '') };
      const text = value.length > 64 * 1024 ? value.slice(0, 64 * 1024) : value;
      findingsIn(scan, key, key.startsWith('.docker') ? text : text.trim(), held, where);
    },
    end: flush,
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
  paths: 'any YAML document with kind: Secret',
  summary:
    'Each data (base64-decoded) and stringData value of a kind: Secret document: a provider format or a .dockerconfigjson login found inside is reported as such, any other value as this. Ignores certificates, namespaces, user names, hosts and placeholders.',
  matchesPath: () => false,
  sniff: ['yaml'],
  parser: () => secretManifestParser(),
};
