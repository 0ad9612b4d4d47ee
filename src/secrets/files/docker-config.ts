// Docker client config.json: registry logins stored as base64 "user:password" or identity tokens.
import type { LineParser } from '../line-parser.js';
import { Priority } from '../types.js';
import type { CredentialFile } from './credential-file.js';

// Reference: Docker docs, "docker login — Credential stores" and the docker/cli config file
// format (`auths` maps a registry to {"auth": base64("user:password")} or {"identitytoken": …};
// the legacy ~/.dockercfg holds the same entries without the `auths` wrapper).
const ENTRY = /"(auth|identitytoken|registrytoken)"\s*:\s*"([^"\s]{8,4096})"/g;

/** Only a value that decodes to printable `user:password` is a login (not some other "auth" field). */
function isBasicAuth(value: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 && colon < decoded.length - 1 && !/[\x00-\x1f\ufffd]/.test(decoded);
}

/** `legacy`: a .dockercfg, whose entries sit at the top level instead of under "auths". */
function dockerConfigParser(legacy: boolean): LineParser {
  let inAuths = legacy; // pretty-printed or one-line, "auths" always precedes its entries
  return {
    parse(line, out) {
      if (!inAuths) {
        const at = line.indexOf('"auths"');
        if (at === -1) return;
        inAuths = true;
      }
      ENTRY.lastIndex = 0;
      for (let m = ENTRY.exec(line); m !== null; m = ENTRY.exec(line)) {
        const [whole, field = '', value = ''] = m;
        if (field === 'auth' && !isBasicAuth(value)) continue;
        out.push({
          kind: dockerConfig.id,
          title: field === 'auth' ? dockerConfig.title : 'Registry token in Docker config.json',
          secret: value,
          index: m.index + whole.length - 1 - value.length,
          priority: Priority.file,
        });
      }
    },
  };
}

export const dockerConfig: CredentialFile = {
  id: 'docker-config-auth',
  title: 'Registry login in Docker config.json',
  severity: 'error',
  keywords: [],
  paths: '.docker/config.json, .dockercfg; any JSON file with an "auths" object (a copied config.json, a decoded .dockerconfigjson)',
  summary:
    'auths entries: auth (base64 user:password), identitytoken, registrytoken. Ignores empty auths and credsStore/credHelpers setups, which keep no secret in the file.',
  matchesPath: (full, base) => base === '.dockercfg' || full.endsWith('/.docker/config.json'),
  sniff: ['json', 'plain'],
  parser: (_byPath, path) => dockerConfigParser(path.endsWith('.dockercfg')),
};
