// Every provider token, wherever code and config put it. Secret scanners' own test data (gitleaks
// generates its cases this way) places one value in many assignment forms: INI, JSON (also
// escaped inside a string), XML elements, YAML scalars and block scalars, Go/Java/C#/Kotlin/PHP/
// Python/JS/Ruby assignments, Makefile operators, CSV, shell exports, Dockerfile ENV, URL query
// parameters, curl headers and a bare line. This table takes one positive of every token format
// from the corpus, puts it into each placement under the key the corpus gives it, and expects the
// same secret back with the same kind; the format's near misses in the same places stay silent.
import { describe, expect, it } from 'vitest';
import { SECRET_FORMATS } from '../../../../src/secrets/catalogue.js';
import { scanValue } from '../../../../src/secrets/index.js';
import { CORPUS } from '../corpus/all.js';
import type { Positive } from '../corpus/cases.js';
import { scanFile } from '../fixtures.js';

/** Placements of a value `{s}` under a key `{k}`: [name, template]. */
const KEYED: readonly [string, string][] = [
  ['env', '{k}={s}'],
  ['env, quoted', '{k}="{s}"'],
  ['shell export', "export {k}='{s}'"],
  ['Dockerfile ENV', 'ENV {k}={s}'],
  ['Dockerfile ENV, space', 'ENV {k} {s}'],
  ['INI, spaced', '{k} = {s}'],
  ['JSON', '{\n  "{k}": "{s}"\n}'],
  ['JSON escaped in a string', '"{\\"{k}\\": \\"{s}\\"}"'],
  ['YAML', 'config:\n  {k}: {s}'],
  ['YAML, quoted', "{k}: '{s}'"],
  ['YAML block scalar', '{k}: |\n  {s}'],
  ['XML element', '<{k}>{s}</{k}>'],
  ['XML attribute', '<config {k}="{s}" />'],
  ['Python', '{k} = "{s}"'],
  ['Ruby hash', '  {k}: "{s}",'],
  ['Ruby symbol arrow', '  "{k}" => "{s}",'],
  ['Go', '{k} := "{s}"'],
  ['Go var', 'var {k} string = "{s}"'],
  ['Go backticks', '{k} := `{s}`'],
  ['Java', 'private static final String {k} = "{s}";'],
  ['C#', 'string {k} = "{s}";'],
  ['Kotlin', 'val {k} = "{s}"'],
  ['JavaScript', 'const {k} = "{s}";'],
  ['JavaScript object', '  {k}: "{s}",'],
  ['PHP', '${k} = "{s}";'],
  ['PHP array', "  '{k}' => '{s}',"],
  ['Makefile', '{k} := {s}'],
  ['Makefile ?=', '{k} ?= "{s}"'],
  ['call argument', 'os.Setenv("{k}", "{s}")'],
  ['URL query', 'https://api.example.com/v1/items?{k}={s}&limit=10'],
];

/** Placements for tokens that name their provider themselves: no key needed. */
const BARE: readonly [string, string][] = [
  ['a bare line', '{s}'],
  ['indented, trailing comment', '    {s}  # rotate me'],
  ['curl bearer header', 'curl -sS -H "Authorization: Bearer {s}" https://api.example.com/v1/me'],
  ['generic key', 'token = "{s}"'],
  ['CSV', 'prod,deploy,{s},2024-01-01'],
  ['Markdown code span', 'Use `{s}` to authenticate.'],
];

const KEY_BEFORE = /(?:^|[\s{,;(])(?:export[ \t]+|ENV[ \t]+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?[ \t]*(?:=|:=|:)[ \t]*["'`]?$/;

const fill = (template: string, key: string, secret: string): string => template.replaceAll('{k}', key).replaceAll('{s}', secret);

function found(text: string): { kind: string; secret: string }[] {
  return [...scanFile('/app/config/settings.txt', text), ...scanValue(text)];
}

/** Formats with a file syntax of their own rather than a key and a value, and why. */
const NOT_PLACEABLE = new Map([['nuget-config-password', 'an <add key="ClearTextPassword" value="…"/> element of nuget.config']]);

const tokens = SECRET_FORMATS.filter((f) => f.source === 'token' && f.keywords.length > 0);

interface Case {
  id: string;
  where: string;
  text: string;
  secret: string;
}

const positives: Case[] = [];
const negatives: Omit<Case, 'secret'>[] = [];
for (const format of tokens) {
  const cases = CORPUS[format.id];
  if (cases === undefined) continue;
  if (NOT_PLACEABLE.has(format.id)) continue;
  const free = cases.positives.filter((p) => p.via === undefined && p.secret !== '' && p.text.includes(p.secret));
  const keyOf = (p: Positive): string | undefined => {
    const before = p.text.slice(0, p.text.indexOf(p.secret));
    // A key that is part of the format's own syntax (AccountKey=, _gitlab_session=) is no key.
    if (format.keywords.some((k) => /[="]$/.test(k) && before.includes(k))) return undefined;
    return KEY_BEFORE.exec(before)?.[1];
  };
  const bare = free.find((p) => p.text === p.secret);
  const keyed = free.find((p) => keyOf(p) !== undefined);
  if (bare !== undefined) {
    for (const [where, template] of BARE) positives.push({ id: format.id, where, text: fill(template, '', bare.secret), secret: bare.secret });
  } else if (keyed !== undefined) {
    const key = keyOf(keyed) ?? '';
    for (const [where, template] of KEYED) {
      // A value with URL syntax in it (Django keys hold & and =) is not sent raw in a query.
      if (where === 'URL query' && /[&=#?%+ ]/.test(keyed.secret)) continue;
      positives.push({ id: format.id, where, text: fill(template, key, keyed.secret), secret: keyed.secret });
    }
  } else if (free[0] !== undefined) {
    // A token known by its context (a URL, a command line, a connection string): the whole line moves.
    const line = free[0];
    for (const [where, template] of BARE) positives.push({ id: format.id, where, text: fill(template, '', line.text), secret: line.secret });
  }
  // Near misses of the form KEY=value, placed the same ways.
  for (const negative of cases.negatives) {
    if (negative.via !== undefined) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_.-]*)=(\S+)$/.exec(negative.text);
    if (m === null) continue;
    for (const [where, template] of KEYED) negatives.push({ id: format.id, where: `${negative.why}, ${where}`, text: fill(template, m[1]!, m[2]!) });
  }
}

describe('provider tokens in every placement', () => {
  it('covers most token formats', () => {
    expect(new Set(positives.map((p) => p.id)).size).toBeGreaterThan(tokens.length * 0.9);
  });

  it.each(positives.map((p) => [`${p.id} — ${p.where}`, p] as const))('finds %s', (_, { id, text, secret }) => {
    const hits = found(text).filter((m) => m.secret === secret);
    expect(
      hits.map((m) => m.kind),
      text,
    ).toContain(id);
  });

  it.each(negatives.map((n) => [`${n.id}: ${n.where}`, n] as const))('ignores %s', (_, { id, text }) => {
    expect(
      found(text).filter((m) => m.kind === id),
      text,
    ).toEqual([]);
  });
});
