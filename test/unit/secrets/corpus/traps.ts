// False-positive traps: text that is full of key-like shapes and key names but holds no secret.
// Every one must produce zero findings, as free text and as a file.
import { alphabet as A, body, bytes, uuid, wrap } from './gen.js';

export interface Trap {
  name: string;
  text: string;
  /** Scanned as this file (default /app/src/file.txt). */
  path?: string;
}

const b64 = (n: number, seed: string): string => body(A.base64, n, seed);
const hex = (n: number, seed: string): string => body(A.hex, n, seed);

/** A chunk of minified JavaScript, generated: short names, key-ish property names, hex and base64 literals. */
function minifiedJs(seed: string, statements: number): string {
  const out: string[] = ['!function(e,t){"use strict";'];
  const names = ['e', 't', 'n', 'r', 'o', 'i', 'a', 's', 'u', 'c', 'l', 'f', 'd', 'p', 'h', 'sk', 'hf', 'dp', 'pk'];
  for (let i = 0; i < statements; i++) {
    const v = names[i % names.length] ?? 'x';
    const w = names[(i * 7 + 3) % names.length] ?? 'y';
    switch (i % 12) {
      case 0:
        out.push(`var ${v}=${w}.apiKey||${w}.token||process.env.API_KEY;`);
        break;
      case 1:
        out.push(`${v}.headers={Authorization:"Bearer "+${w}.accessToken,"Content-Type":"application/json"};`);
        break;
      case 2:
        out.push(`${v}.color="#${hex(6, seed + i)}";${v}.id="${hex(32, seed + i)}";`);
        break;
      case 3:
        out.push(`${v}.icon="data:image/png;base64,${b64(96, seed + i)}";`);
        break;
      case 4:
        out.push(`function ${v}${i}(${w}){return ${w}.secret_key?${w}.secret_key:"key-value"}`);
        break;
      case 5:
        out.push(`${v}.locale="en-us";${v}.version="v1.0-beta.${i}";`);
        break;
      case 6:
        out.push(`${v}.hf_hub_download=${w}.dapi_version;${v}.sk_cache=[];`);
        break;
      case 7:
        out.push(`${v}.uuid="${uuid(seed + i)}";${v}.sha="${hex(40, seed + i)}";`);
        break;
      case 8:
        out.push(`${v}.url="https://cdn.example.org/a/b?sig="+${w}.sig+"&sv="+${w}.v;`);
        break;
      case 9:
        out.push(`${v}.pattern=/^(?:ghp|gho)_[A-Za-z0-9]{36}$/;${v}.prefix="xoxb-";`);
        break;
      case 10:
        out.push(`${v}.blob="${b64(200, seed + i)}";`);
        break;
      default:
        out.push(`if(${v}&&${w}.password!==void 0)throw new Error("password required");`);
    }
  }
  out.push('}(this,window);');
  return out.join('');
}

const certificate = `-----BEGIN CERTIFICATE-----\n${wrap(bytes(900, 'cert').toString('base64'))}\n-----END CERTIFICATE-----\n`;
const pgpPublic = `-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n${wrap(bytes(1200, 'pgp').toString('base64'))}\n=${b64(4, 'pgp-crc')}\n-----END PGP PUBLIC KEY BLOCK-----\n`;
const sshPublic = `ssh-rsa ${bytes(280, 'ssh').toString('base64')} deploy@build\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${b64(43, 'ssh-ed')} ci@runner\n`;

const lockIntegrity = (seed: string): string => 'sha512-' + bytes(64, seed).toString('base64');
const packageLock = JSON.stringify(
  {
    name: 'app',
    lockfileVersion: 3,
    packages: Object.fromEntries(
      ['left-pad', 'ms', 'debug', 'express', 'token-types', 'secret-handshake'].map((name, i) => [
        `node_modules/${name}`,
        { version: `1.${i}.0`, resolved: `https://registry.npmjs.org/${name}/-/${name}-1.${i}.0.tgz`, integrity: lockIntegrity(name) },
      ]),
    ),
  },
  null,
  2,
);
const yarnLock = ['left-pad', 'ms', 'api-key-validator']
  .map(
    (name, i) =>
      `${name}@^1.${i}.0:\n  version "1.${i}.0"\n  resolved "https://registry.yarnpkg.com/${name}/-/${name}-1.${i}.0.tgz#${hex(40, name)}"\n  integrity ${lockIntegrity(name + 'y')}\n`,
  )
  .join('\n');

const css = `.logo{background:url(data:image/png;base64,${bytes(3000, 'css').toString('base64')}) no-repeat}\n@font-face{src:url(data:font/woff2;base64,${bytes(6000, 'font').toString('base64')})}\n`;

const docs = [
  'Set AWS_SECRET_ACCESS_KEY to your key and AWS_SESSION_TOKEN to the session token STS returned.',
  'export DD_API_KEY=<your-api-key>',
  'HEROKU_API_KEY: the API key from your account page.',
  'Mailgun keys look like key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.',
  'GitHub tokens look like ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx and GitLab ones like glpat-xxxxxxxxxxxxxxxxxxxx.',
  'Create a token (it starts with sk-proj-) and paste it below.',
  'Paste your Hugging Face token (hf_...) when prompted.',
  'Set OKTA_API_TOKEN, VERCEL_TOKEN and CLOUDFLARE_API_TOKEN in your CI settings.',
  'The SAS URL ends with &sig=<signature>.',
].join('\n');

const awsExamples = [
  'aws_access_key_id = AKIA' + 'IOSFODNN7' + 'EXAMPLE',
  'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'EXAMPLEKEY',
  'AWS_ACCESS_KEY_ID=AKIA' + 'I44QH8DHB' + 'EXAMPLE',
  'AWS_SECRET_ACCESS_KEY=je7MtGbClwBF/2Zp9Utk/h3yCo8nvb' + 'EXAMPLEKEY',
].join('\n');

const placeholders = [
  'GITHUB_TOKEN=<your-token>',
  'DD_API_KEY=${DD_API_KEY}',
  'OKTA_API_TOKEN=changeme',
  'NOTION_TOKEN=xxxxx',
  'hf_' + 'x'.repeat(34),
  'dckr_pat_' + 'x'.repeat(27),
  'sk-ant-api03-' + 'x'.repeat(93) + 'AA',
  'CLOUDFLARE_API_TOKEN={{ cloudflare_api_token }}',
  'VAULT_TOKEN=$(cat /run/secrets/vault)',
].join('\n');

const gitLog = Array.from(
  { length: 20 },
  (_, i) => `commit ${hex(40, 'commit' + i)}\nAuthor: Dev <dev@example.org>\n\n    fix: rotate ${uuid('log' + i)}\n`,
).join('\n');

export const TRAPS: Trap[] = [
  { name: 'X.509 certificate', text: certificate, path: '/etc/ssl/certs/ca.crt' },
  { name: 'PGP public key', text: pgpPublic, path: '/usr/share/keyrings/repo.asc' },
  { name: 'SSH public keys', text: sshPublic, path: '/home/ci/keys.txt' },
  { name: 'package-lock.json integrity hashes', text: packageLock, path: '/app/package-lock.json' },
  { name: 'yarn.lock integrity hashes', text: yarnLock, path: '/app/yarn.lock' },
  { name: 'UUIDs', text: Array.from({ length: 50 }, (_, i) => uuid('uuid' + i)).join('\n') },
  { name: 'git commit SHAs', text: gitLog },
  { name: 'base64 data: URIs in CSS', text: css, path: '/app/static/site.css' },
  { name: 'minified JavaScript', text: minifiedJs('min', 600), path: '/app/static/main.min.js' },
  { name: 'documentation that names keys', text: docs, path: '/app/README.md' },
  { name: "AWS's documented example keys", text: awsExamples },
  { name: 'placeholders', text: placeholders },
  { name: 'random binary as base64', text: wrap(bytes(20000, 'blob').toString('base64'), 76) },
  { name: 'hex dump', text: Array.from({ length: 200 }, (_, i) => hex(64, 'dump' + i)).join('\n') },
];
