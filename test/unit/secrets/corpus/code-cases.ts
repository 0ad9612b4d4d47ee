// Corpus cases for secret-named literals in source code, in the assignment forms of many languages.
// Values are generated (gen.ts); none is a real credential.
import type { Cases } from './cases.js';
import { alphabet as A, body } from './gen.js';

const v = (seed: string): string => body(A.alnum, 24, seed);
const key = v('code-key');
const uuid = '3f2b8c1e-9d4a-4e7b-a1c5-6f0e2d9b7a48';

export const CODE_CASES: Record<string, Cases> = {
  // A YAML block scalar: the value starts on the next, deeper line.
  'secret-config-value': {
    positives: [{ text: `service:\n  api_token: |\n    ${key}\nnext: 1\n`, secret: key, via: { file: '/app/config/service.yaml' } }],
    negatives: [{ why: 'a block scalar under a key that is not secret', text: `steps:\n  run: |\n    ${key}\n`, via: { file: '/app/.ci.yaml' } }],
  },
  'secret-code-literal': {
    positives: [
      { text: `API_TOKEN = "${key}"\n`, secret: key, via: { file: '/app/settings.py' } },
      { text: `const apiKey = '${key}';\n`, secret: key, via: { file: '/app/src/client.js' } },
      { text: `var dbPassword string = "${key}"\n`, secret: key, via: { file: '/app/main.go' } },
      { text: `dbPassword := \`${key}\`\n`, secret: key, via: { file: '/app/main.go' } },
      { text: `private static final String CLIENT_SECRET = "${key}";\n`, secret: key, via: { file: '/app/src/Auth.java' } },
      { text: `val authToken: String = "${key}"\n`, secret: key, via: { file: '/app/src/Main.kt' } },
      { text: `string accessToken = "${key}";\n`, secret: key, via: { file: '/app/Program.cs' } },
      { text: `$config['secret_key'] = '${key}';\n`, secret: key, via: { file: '/app/config.php' } },
      { text: `  "client_secret" => "${key}",\n`, secret: key, via: { file: '/app/config/app.rb' } },
      { text: `os.environ.setdefault("SERVICE_TOKEN", "${key}")\n`, secret: key, via: { file: '/app/boot.py' } },
      { text: `API_TOKEN ::= "${key}"\n`, secret: key, via: { file: '/app/Makefile' } },
      { text: `apiToken = "${key}"\n`, secret: key, via: { file: '/app/notes.txt' } },
      {
        text: `filter {\n  mutate {\n    add_field => { "api_token" => "${key}" }\n  }\n}\n`,
        secret: key,
        via: { file: '/etc/logstash/conf.d/pipeline.conf' },
      },
    ],
    negatives: [
      { why: 'an environment lookup', text: 'API_TOKEN = os.environ["API_TOKEN"]\n', via: { file: '/app/settings.py' } },
      { why: 'a placeholder', text: 'const apiKey = "<your-api-key-here>";\n', via: { file: '/app/src/client.js' } },
      { why: 'a word, not a key', text: 'password = "correcthorsebatterystaple"\n', via: { file: '/app/settings.py' } },
      { why: 'a test fixture name', text: `TEST_API_TOKEN = "${v('code-test')}"\n`, via: { file: '/app/settings.py' } },
      { why: 'a UUID under a key that is not secret', text: `requestId = "${uuid}"\n`, via: { file: '/app/src/req.js' } },
      { why: 'a hash under a digest name', text: `token_sha256 = "${body(A.hex, 64, 'code-sha')}"\n`, via: { file: '/app/settings.py' } },
      { why: 'a repeated filler', text: 'API_KEY = "abc123abc123abc123abc123"\n', via: { file: '/app/settings.py' } },
      {
        why: 'a lockfile integrity hash',
        text: `  "integrity": "sha512-${body(A.base64, 86, 'code-lock')}=="\n`,
        via: { file: '/app/package-lock.json' },
      },
      { why: 'an unquoted identifier', text: 'secret = compute_secret(seed, 42)\n', via: { file: '/app/settings.py' } },
      { why: 'a template variable', text: 'password = "{{ db_password }}"\n', via: { file: '/app/settings.py' } },
    ],
  },
};
