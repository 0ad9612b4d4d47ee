// htpasswd files: user:hash lines read by Apache httpd and nginx for HTTP basic authentication.
import { Priority } from '../types.js';
import type { CredentialFile } from './credential-file.js';

// Reference: Apache HTTP Server docs, "htpasswd — Manage user files for basic authentication" and
// "Password Formats" (bcrypt $2y$, Apache MD5 $apr1$, {SHA} base64 SHA-1, crypt(); glibc's $5$/$6$
// SHA-crypt is also accepted on Linux). A hash is not the password, but weak ones ({SHA}, crypt,
// MD5) fall to a dictionary in minutes: the file belongs in a secret store, not in the image.
const ENTRY =
  /^([^:#\s][^:]*):(\$apr1\$[./0-9A-Za-z]{0,8}\$[./0-9A-Za-z]{22}|\$2[abxy]\$\d{2}\$[./0-9A-Za-z]{53}|\{SHA\}[A-Za-z0-9+/]{27}=|\$[156]\$[^$:\s]{1,16}\$[./0-9A-Za-z]{22,86}|[./0-9A-Za-z]{13})(?::|\s*$)/;

/** Hashes that say what they are by their own prefix: enough to recognise a renamed htpasswd file. */
const SELF_EVIDENT = /^(?:\$apr1\$|\$2[abxy]\$|\{SHA\})/;

export const htpasswd: CredentialFile = {
  id: 'htpasswd-hash',
  title: 'Password hash in htpasswd file',
  severity: 'warning',
  keywords: [],
  paths: '.htpasswd, htpasswd, *.htpasswd, *.passwd; any extensionless file of user:hash lines with bcrypt, $apr1$ or {SHA} hashes',
  summary:
    'user:hash lines with bcrypt ($2y$), Apache MD5 ($apr1$), {SHA}, SHA-crypt ($5$/$6$) or crypt() hashes. A warning: a hash, not the password, though weak ones crack quickly.',
  matchesPath: (_full, base) => base === '.htpasswd' || base === 'htpasswd' || base.endsWith('.htpasswd') || base.endsWith('.passwd'),
  sniff: ['plain'],
  parser: (byPath) => ({
    parse(line, out) {
      if (!byPath && !line.includes(':$') && !line.includes(':{')) return;
      const m = ENTRY.exec(line);
      if (m === null) return;
      const [whole, user = '', hash = ''] = m;
      // Elsewhere only `user:hash` lines whose hash names its scheme: /etc/shadow's lines go on
      // after the hash, and a bare 13-character crypt() string could be anything.
      if (!byPath && (!SELF_EVIDENT.test(hash) || whole.endsWith(':'))) return;
      out.push({
        kind: htpasswd.id,
        title: htpasswd.title,
        secret: hash,
        index: user.length + 1,
        priority: Priority.file,
        severity: 'warning',
      });
    },
  }),
};
