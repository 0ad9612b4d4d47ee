// The generic rules (secret-named values in config files, secret-named literals in code) in the
// placements secret scanners' test data uses, each in a file of its language: what gitleaks'
// generic-api-key family finds. Realistic random values are found; references, placeholders,
// digests, UUIDs and versions under non-secret keys, lockfile integrity strings and base64 of
// plain text are not.
import { describe, expect, it } from 'vitest';
import { scanFile } from '../fixtures.js';
import { alphabet as A, body, uuid } from '../corpus/gen.js';

/** [placement, file it sits in, template with {k} key and {s} value]. */
const PLACEMENTS: readonly [string, string, string][] = [
  ['.env', '/app/.env', '{k}={s}'],
  ['.env, quoted', '/app/.env', '{k}="{s}"'],
  ['shell export', '/app/bin/start.sh', "export {k}='{s}'"],
  ['Dockerfile ENV', '/app/Dockerfile', 'ENV {k}={s}'],
  ['INI', '/app/config/app.ini', '[main]\n{k} = {s}'],
  ['properties', '/app/config/application.properties', 'app.{k}={s}'],
  ['JSON', '/app/config/app.json', '{\n  "{k}": "{s}"\n}'],
  ['YAML', '/app/config/app.yaml', 'service:\n  {k}: {s}'],
  ['YAML, quoted', '/app/config/app.yml', "{k}: '{s}'"],
  ['YAML block scalar', '/app/config/app.yaml', '{k}: |\n  {s}'],
  ['XML element', '/app/config/app.xml', '<config>\n  <{k}>{s}</{k}>\n</config>'],
  ['TOML', '/app/config/app.toml', '[server]\n{k} = "{s}"'],
  ['Python', '/app/settings.py', '{k} = "{s}"'],
  ['Go', '/app/main.go', '{k} := "{s}"'],
  ['Go var', '/app/main.go', 'var {k} string = "{s}"'],
  ['Java', '/app/src/App.java', 'private static final String {k} = "{s}";'],
  ['C#', '/app/src/App.cs', 'string {k} = "{s}";'],
  ['JavaScript', '/app/index.js', 'const {k} = "{s}";'],
  ['JavaScript object', '/app/index.js', 'module.exports = {\n  {k}: "{s}",\n};'],
  ['PHP', '/app/index.php', '${k} = "{s}";'],
  ['PHP array', '/app/config.php', "  '{k}' => '{s}',"],
  ['call argument', '/app/main.go', 'os.Setenv("{k}", "{s}")'],
];

const POSITIVES: readonly [string, string][] = [
  ['api_key', body(A.alnum, 32, 'gen-api')],
  ['client_secret', body(A.hex, 64, 'gen-client')],
  ['auth_token', body(A.urlSafe, 40, 'gen-auth')],
  ['SECRET_KEY', body(A.base64, 43, 'gen-secret') + '='],
  ['access_token', body(A.alnum, 24, 'gen-access')],
  ['credentials', body(A.alnum, 30, 'gen-creds')],
  ['apiKey', body(A.alnum, 40, 'gen-apikey')],
  ['privateKey', body(A.base64, 64, 'gen-private')],
];

const NEGATIVES: readonly [string, string, string][] = [
  ['a ${VAR} reference', 'api_key', '${API_KEY}'],
  ['a Helm template', 'password', '{{ .Values.password }}'],
  ['a placeholder word', 'password', 'changeme'],
  ['an angle-bracket placeholder', 'api_key', '<your-api-key>'],
  ['filler', 'token', 'xxxxxxxxxxxxxxxxxxxx'],
  ['a UUID under a non-secret key', 'request_id', uuid('gen-request')],
  ['a lockfile integrity string', 'integrity', 'sha512-' + body(A.base64, 86, 'gen-integrity') + '=='],
  ['a commit SHA', 'commit', body(A.hex, 40, 'gen-sha')],
  ['a version date', 'api_version', '2023-01-01'],
  ['a resource name', 'key_id', 'projects/p/locations/global/keyRings/r'],
  ['a path to a secret file', 'password_file', '/run/secrets/db_password'],
  ['a token endpoint', 'token_url', 'https://auth.example.com/oauth/token'],
  ['an example value', 'secret', 'example-secret'],
  ['a $VAR reference', 'password', '$DB_PASSWORD'],
  ['a SHA-256 checksum', 'checksum', body(A.hex, 64, 'gen-checksum')],
  ['base64 of plain text', 'data', Buffer.from('hello world, this is not a secret at all').toString('base64')],
  ['a public key', 'public_key', body(A.base64, 44, 'gen-public')],
  ['a dummy word', 'api_key', 'dummy'],
  ['the word password', 'password', 'password'],
  ['a boolean', 'auth', 'true'],
];

const fill = (template: string, key: string, value: string): string => template.replaceAll('{k}', key).replaceAll('{s}', value);

describe('generic secret rules in every placement', () => {
  const positives = POSITIVES.flatMap(([key, value]) =>
    PLACEMENTS.map(([where, path, t]) => [`${key} — ${where}`, path, fill(t, key, value), value] as const),
  );
  it.each(positives)('finds %s', (_, path, text, value) => {
    expect(
      scanFile(path, text).map((m) => m.secret),
      text,
    ).toContain(value);
  });

  const negatives = NEGATIVES.flatMap(([why, key, value]) =>
    PLACEMENTS.map(([where, path, t]) => [`${why} — ${where}`, path, fill(t, key, value)] as const),
  );
  it.each(negatives)('ignores %s', (_, path, text) => {
    expect(scanFile(path, text), text).toEqual([]);
  });
});
