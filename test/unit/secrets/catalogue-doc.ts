// Renders docs/rules/secret-formats.md from the catalogue in src/secrets/catalogue.ts.
// Regenerate with: UPDATE_SECRET_FORMATS_DOC=1 npx vitest run test/unit/secrets/catalogue.test.ts
import type { FormatSource, SecretFormat } from '../../../src/secrets/catalogue.js';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\n/g, ' ');
const code = (text: string): string => (text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``);

const SECTIONS: { source: FormatSource; heading: string; intro: string }[] = [
  {
    source: 'token',
    heading: 'Provider tokens',
    intro:
      'Credentials whose provider documents a shape: a fixed prefix, a marker inside the token, or — for the few with no shape at all — the variable name they are assigned to. The kind names the provider, so the finding says exactly what to revoke.',
  },
  {
    source: 'key-block',
    heading: 'Private key blocks',
    intro: 'Multi-line key files, followed across chunks and lines until their end marker.',
  },
  {
    source: 'file',
    heading: 'Credential files',
    intro: 'Files with a syntax of their own, parsed line by line only when the path matches.',
  },
  {
    source: 'generic',
    heading: 'Generic rules',
    intro:
      'Shapes that say "credential" without naming a provider. A provider format that finds the same secret takes precedence, so these only name what nothing more specific claims.',
  },
];

export function renderSecretFormatsDoc(formats: readonly SecretFormat[]): string {
  const specific = formats.filter((f) => f.source !== 'generic').length;
  const out: string[] = [
    '# Secret formats',
    '',
    '<!-- Generated from SECRET_FORMATS in src/secrets/catalogue.ts; a unit test fails when this page is out of date.',
    '     Regenerate: UPDATE_SECRET_FORMATS_DOC=1 npx vitest run test/unit/secrets/catalogue.test.ts -->',
    '',
    `Every kind of secret that \`secret-env\`, \`secret-history\`, \`secret-label\` and \`secret-file\` report: ${formats.length} in all, ${specific} of them specific formats (provider tokens, key blocks, credential files) and ${formats.length - specific} generic rules. The **id** is the \`kind\` shown in reports.`,
    '',
    '- **Severity** is the severity of the finding. `warning` marks credentials that cannot be used as found (encrypted keys, password hashes), expire within hours, or reach test data only; the rest are `error`. A policy can still switch a rule off or change its severity; findings of a `warning` format stay warnings.',
    '- **Keywords** are the case-sensitive literals the scanner looks for in one pass over every byte; the precise pattern only runs where one of them occurs. A rule without keywords is chosen by file path or by variable name.',
    '- Every rule skips documentation samples (tokens containing `EXAMPLE`), filler such as `ghp_xxxx…`, placeholders (`<your-token>`, `${TOKEN}`, `changeme`) and tokens glued to a longer word.',
    '',
  ];
  for (const section of SECTIONS) {
    const rows = formats.filter((f) => f.source === section.source);
    if (rows.length === 0) continue;
    const hasKeywords = rows.some((f) => f.keywords.length > 0);
    const hasPaths = rows.some((f) => f.paths !== undefined);
    const column = hasKeywords && hasPaths ? 'keywords or files' : hasPaths ? 'files' : 'keywords';
    out.push(`## ${section.heading} (${rows.length})`, '', section.intro, '');
    out.push(`| id | title | severity | ${column} | matches, and deliberately ignores |`);
    out.push('|---|---|---|---|---|');
    for (const f of rows) {
      const keys = f.keywords.length > 0 ? f.keywords.map((k) => cell(code(k)).replace(/&lt;/g, '<')).join(', ') : cell(f.paths ?? '—');
      out.push(`| \`${f.id}\` | ${cell(f.title)} | ${f.severity} | ${keys} | ${cell(f.summary)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
