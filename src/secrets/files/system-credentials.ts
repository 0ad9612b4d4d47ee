// Credential files of system services and developer tools, each in its own small syntax: git's
// persisted auth headers, GnuPG's key store, Erlang's cookie, mail relays and clients, Bundler,
// Ansible's vault password, pgbouncer, PHP applications' config arrays, Subversion's auth cache,
// fstab mounts, IPsec and PPP secrets, Kaggle's API key.
import { isPlaceholder } from '../placeholders.js';
import { Priority, type RawMatch, type Severity } from '../types.js';
import type { LineParser } from '../line-parser.js';
import { configParser } from '../config/index.js';
import { allOf, type CredentialFile } from './credential-file.js';

const found = (format: CredentialFile, secret: string, line: string, from = 0, severity?: Severity): RawMatch => ({
  kind: format.id,
  title: format.title,
  secret,
  index: Math.max(0, line.indexOf(secret, from)),
  priority: Priority.file,
  ...(severity === 'warning' ? { severity } : {}),
});

/** A value worth reporting: long enough, not a placeholder, not a reference. */
const usable = (value: string | undefined, min = 4): value is string =>
  value !== undefined && value.length >= min && !isPlaceholder(value) && !value.startsWith('<');

/** A parser of lines, each judged on its own by `judge`. */
const lines = (judge: (line: string, out: RawMatch[]) => void): LineParser => ({ parse: (line, out) => judge(line, out) });

// Reference: git-config(1), "http.extraHeader", and actions/checkout's README ("persist-credentials":
// the token is written to the local git config as an AUTHORIZATION: basic extraheader).
const EXTRA_HEADER = /^\s*extraheader\s*=\s*"?authorization:\s*(basic|bearer)\s+([A-Za-z0-9+/=._~-]{8,})/i;

export const gitConfigCredential: CredentialFile = {
  id: 'git-config-auth-header',
  title: 'Authorization header in git config',
  severity: 'error',
  keywords: [],
  paths: '.git/config, .git/modules/**/config, .gitconfig, .config/git/config, /etc/gitconfig',
  summary:
    'http.extraheader AUTHORIZATION: basic (base64 user:token, as actions/checkout persists it) and bearer values. Ignores other settings; tokens in remote URLs are found as credentials in URLs.',
  matchesPath: (full, base) =>
    /\/\.git\/(?:modules\/.+\/)?config$/.test(full) || base === '.gitconfig' || /\/\.config\/git\/config$/.test(full) || full === '/etc/gitconfig',
  // Still INI underneath: its secret-named settings are judged as in any INI file.
  parser: () =>
    allOf([
      lines((line, out) => {
        if (!/extraheader/i.test(line)) return;
        const m = EXTRA_HEADER.exec(line);
        const value = m?.[2];
        if (m === null || !usable(value, 8)) return;
        if (m[1]!.toLowerCase() === 'basic' && !Buffer.from(value, 'base64').toString('latin1').includes(':')) return;
        out.push(found(gitConfigCredential, value, line));
      }),
      configParser('ini'),
    ])!,
};

// Reference: GnuPG manual, "Agent's private key store" (private-keys-v1.d/<keygrip>.key in the
// extended key format: `Key: (private-key …)` in the clear, `(protected-private-key …)` under the
// passphrase: a warning, as an encrypted PEM key).
export const gnupgPrivateKey: CredentialFile = {
  id: 'gnupg-private-key',
  title: 'GnuPG private key (agent key store)',
  severity: 'error',
  keywords: [],
  paths: '.gnupg/private-keys-v1.d/*.key',
  summary:
    'The Key: line of an agent key file: (private-key …) is an error, (protected-private-key …) a warning (passphrase-protected). Ignores shadowed keys held on a smartcard.',
  matchesPath: (full) => /\/private-keys-v1\.d\/[0-9A-Fa-f]{40}\.key$/.test(full),
  parser: () =>
    lines((line, out) => {
      const m = /^Key:\s*\((protected-private-key|private-key)\s*(.{16,})$/.exec(line);
      if (m === null) return;
      out.push(found(gnupgPrivateKey, m[2]!.slice(0, 512), line, 0, m[1] === 'protected-private-key' ? 'warning' : undefined));
      if (m[1] === 'protected-private-key') out[out.length - 1] = { ...out[out.length - 1]!, title: 'Encrypted GnuPG private key (agent key store)' };
    }),
};

// Reference: Erlang/OTP docs, "Distributed Erlang — Security" (~/.erlang.cookie: nodes sharing the
// cookie may run any code on each other; RabbitMQ keeps it in /var/lib/rabbitmq/.erlang.cookie).
export const erlangCookie: CredentialFile = {
  id: 'erlang-cookie',
  title: 'Erlang distribution cookie',
  severity: 'error',
  keywords: [],
  paths: '.erlang.cookie',
  summary: 'The cookie that lets any Erlang node (a RabbitMQ CLI, a remote shell) control the node. Ignores placeholders.',
  matchesPath: (_full, base) => base === '.erlang.cookie',
  parser: () =>
    lines((line, out) => {
      const value = line.trim();
      if (/^[A-Za-z0-9_+/=-]{8,255}$/.test(value) && usable(value, 8)) out.push(found(erlangCookie, value, line));
    }),
};

// Reference: Postfix SASL_README, "Enabling SASL authentication in the Postfix SMTP client"
// (sasl_passwd: `[host]:port user:password`); Debian exim4's passwd.client (`host:user:password`);
// msmtp's manual (`password` in an account); mutt's `set smtp_pass` / `imap_pass`; fetchmail's
// `password "…"` in .fetchmailrc.
export const mailRelayPassword: CredentialFile = {
  id: 'mail-client-password',
  title: 'Password in mail relay or client config',
  severity: 'error',
  keywords: [],
  paths: 'postfix sasl_passwd, exim4 passwd.client, msmtprc/.msmtprc, .muttrc, .fetchmailrc',
  summary:
    'The password of each relay or account: sasl_passwd `host user:password`, passwd.client `host:user:password`, msmtp `password`, mutt `set smtp_pass/imap_pass`, fetchmail `password`. Ignores comments, passwordeval and placeholders.',
  matchesPath: (_full, base) =>
    base === 'sasl_passwd' ||
    base === 'passwd.client' ||
    /^\.?msmtprc$/.test(base) ||
    base === '.muttrc' ||
    base === 'muttrc' ||
    base === '.fetchmailrc',
  parser: (_byPath, path) => {
    const base = path.slice(path.lastIndexOf('/') + 1);
    return lines((line, out) => {
      const text = line.trim();
      if (text === '' || text.startsWith('#')) return;
      let value: string | undefined;
      if (base === 'sasl_passwd') value = /^\S+\s+[^:\s]+:(\S+)$/.exec(text)?.[1];
      else if (base === 'passwd.client') value = /^[^:\s]+:[^:\s]+:(\S+)$/.exec(text)?.[1];
      else if (base.endsWith('muttrc'))
        value = /^set\s+(?:smtp|imap|pop)_pass\s*=\s*(?:"([^"]+)"|'([^']+)'|(\S+))/
          .exec(text)
          ?.slice(1)
          .find((v) => v !== undefined);
      else
        value = /(?:^|\s)password\s+(?:"([^"]+)"|'([^']+)'|(\S+))/
          .exec(text)
          ?.slice(1)
          .find((v) => v !== undefined);
      if (usable(value)) out.push(found(mailRelayPassword, value, line));
    });
  },
};

// Reference: Bundler docs, "bundle config — Credentials for gem sources" (BUNDLE_<HOST>: user:password
// or a token, the host's dots written as "__"), kept in .bundle/config or $BUNDLE_APP_CONFIG/config.
export const bundlerCredentials: CredentialFile = {
  id: 'bundler-credentials',
  title: 'Gem source credential in Bundler config',
  severity: 'error',
  keywords: [],
  paths: '.bundle/config, /usr/local/bundle/config',
  summary: 'BUNDLE_<HOST> entries (user:password or a token) for private gem sources. Ignores Bundler settings (BUNDLE_PATH, …) and references.',
  matchesPath: (full) => /\/(?:\.bundle|bundle)\/config$/.test(full),
  parser: () =>
    lines((line, out) => {
      const m = /^\s*BUNDLE_[A-Z0-9_-]*__[A-Z0-9_-]+:\s*["']?([^"'\s]+)["']?\s*$/.exec(line);
      const raw = m?.[1];
      if (raw === undefined) return;
      const colon = raw.indexOf(':');
      const secret = colon === -1 ? raw : raw.slice(colon + 1);
      if (usable(secret, 6)) out.push(found(bundlerCredentials, secret, line));
    }),
};

// Reference: Ansible docs, "Managing vault passwords — Storing passwords in files" (a file whose
// first line is the password, passed with --vault-password-file or ansible.cfg's vault_password_file).
export const ansibleVaultPassword: CredentialFile = {
  id: 'ansible-vault-password',
  title: 'Ansible vault password file',
  severity: 'error',
  keywords: [],
  paths: '.vault_pass, .vault_pass.txt, vault_password, vault-password.txt, .vault-password',
  summary: 'The password on the first line, which decrypts every vault file of the project. Ignores scripts (a #! line) and placeholders.',
  matchesPath: (_full, base) => /^\.?vault[_-]pass(?:word)?(?:\.txt)?$/.test(base),
  parser: () => {
    let first = true;
    return lines((line, out) => {
      if (!first) return;
      const value = line.trim();
      if (value === '') return;
      first = false;
      if (!value.startsWith('#!') && !/\s/.test(value) && usable(value, 6)) out.push(found(ansibleVaultPassword, value, line));
    });
  },
};

// Reference: PgBouncer docs, "Authentication file format" (userlist.txt: "user" "password" per line;
// md5… and SCRAM-SHA-256$… entries are hashes).
export const pgbouncerUserlist: CredentialFile = {
  id: 'pgbouncer-userlist-password',
  title: 'Password in pgbouncer userlist.txt',
  severity: 'error',
  keywords: [],
  paths: 'userlist.txt under pgbouncer/',
  summary: 'Plain-text passwords of "user" "password" lines. Ignores md5 and SCRAM-SHA-256 hashes.',
  matchesPath: (full) => /pgbouncer\/(?:[^/]+\/)*userlist\.txt$/.test(full),
  parser: () =>
    lines((line, out) => {
      const value = /^\s*"[^"]+"\s+"([^"]+)"/.exec(line)?.[1];
      if (usable(value) && !/^(?:md5[0-9a-f]{32}$|SCRAM-SHA-256\$)/.test(value)) out.push(found(pgbouncerUserlist, value, line));
    }),
};

// Reference: Magento DevDocs, "env.php reference" ('crypt' => ['key' => …], the key that encrypts
// stored payment and integration secrets; 'db' connection 'password'); phpMyAdmin docs,
// "Configuration" ($cfg['Servers'][$i]['password'], ['controlpass']).
export const phpAppConfig: CredentialFile = {
  id: 'php-app-config-secret',
  title: 'Secret in PHP application config',
  severity: 'error',
  keywords: [],
  projectFile: true,
  paths: 'app/etc/env.php (Magento), config.inc.php (phpMyAdmin)',
  summary: "Magento's crypt key and database password, phpMyAdmin's server password and controlpass. Ignores empty values and placeholders.",
  matchesPath: (full, base) => /\/app\/etc\/env\.php$/.test(full) || base === 'config.inc.php',
  parser: () => {
    let inCrypt = false;
    return lines((line, out) => {
      if (/'crypt'\s*=>/.test(line)) inCrypt = true;
      const m =
        /\[\s*'(?:password|controlpass)'\s*\]\s*=\s*'([^']*)'/.exec(line) ??
        /'password'\s*=>\s*'([^']*)'/.exec(line) ??
        (inCrypt ? /'key'\s*=>\s*'([^']*)'/.exec(line) : null);
      if (m !== null && /'key'\s*=>/.test(line)) inCrypt = false;
      if (usable(m?.[1])) out.push(found(phpAppConfig, m[1], line));
    });
  },
};

// Reference: Subversion book, "Client Credentials" (~/.subversion/auth/svn.simple/<md5>: a hash of
// K <len>/key, V <len>/value pairs; "password" is kept in the clear unless a keyring stores it).
export const svnAuthCache: CredentialFile = {
  id: 'svn-auth-cache-password',
  title: 'Password in Subversion auth cache',
  severity: 'error',
  keywords: [],
  paths: '.subversion/auth/svn.simple/*',
  summary: 'The value of the password key of a cached svn.simple credential. Ignores entries without one (keyring-held passwords).',
  matchesPath: (full) => /\/\.subversion\/auth\/svn\.simple\/[^/]+$/.test(full),
  parser: () => {
    let key = '';
    let expect: 'key' | 'value' | undefined;
    return lines((line, out) => {
      if (/^K \d+$/.test(line)) return void (expect = 'key');
      if (/^V \d+$/.test(line)) return void (expect = 'value');
      if (expect === 'key') key = line;
      else if (expect === 'value' && key === 'password' && usable(line, 1)) out.push(found(svnAuthCache, line, line));
      expect = undefined;
    });
  },
};

// Reference: fstab(5) and mount.cifs(8) ("password=arg", "pass=arg": the share's password in the
// options field; "credentials=filename" is the safer way).
export const fstabMountPassword: CredentialFile = {
  id: 'fstab-mount-password',
  title: 'Password in fstab mount options',
  severity: 'error',
  keywords: [],
  paths: '/etc/fstab',
  summary: 'password= and pass= in the mount options of a line (CIFS, davfs and other network shares). Ignores credentials= files.',
  matchesPath: (_full, base) => base === 'fstab',
  parser: () =>
    lines((line, out) => {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 4 || fields[0]!.startsWith('#')) return;
      const value = /(?:^|,)pass(?:word)?=([^,]+)/.exec(fields[3]!)?.[1];
      if (usable(value)) out.push(found(fstabMountPassword, value, line, line.indexOf(fields[3]!)));
    }),
};

// Reference: strongSwan ipsec.secrets(5) (`[ids] : PSK "secret"`, also XAUTH, EAP, NTLM) and
// pppd(8), "AUTHENTICATION" (chap-secrets/pap-secrets: client server secret [addresses]).
export const vpnSharedSecret: CredentialFile = {
  id: 'vpn-shared-secret',
  title: 'Secret in IPsec or PPP secrets file',
  severity: 'error',
  keywords: [],
  paths: '/etc/ipsec.secrets, /etc/ipsec.d/*.secrets, /etc/ppp/chap-secrets, /etc/ppp/pap-secrets',
  summary:
    'IPsec PSK, XAUTH, EAP and NTLM secrets and the secret column of PPP CHAP/PAP lines. Ignores RSA/ECDSA entries (which name a key file), comments and empty secrets.',
  matchesPath: (full, base) =>
    base === 'ipsec.secrets' || /\/ipsec\.d\/[^/]+\.secrets$/.test(full) || base === 'chap-secrets' || base === 'pap-secrets',
  parser: (_byPath, path) => {
    const ppp = /(?:chap|pap)-secrets$/.test(path);
    return lines((line, out) => {
      const text = line.trim();
      if (text === '' || text.startsWith('#')) return;
      let value: string | undefined;
      if (ppp) {
        const fields = text.split(/\s+/);
        value = fields.length >= 3 ? fields[2]!.replace(/^"(.*)"$/, '$1') : undefined;
        if (value === '*' || value === '-') return;
      } else {
        const m = /:\s*(?:PSK|XAUTH|EAP|NTLM)\s+(?:"([^"]+)"|'([^']+)'|(\S+))/.exec(text);
        value = m?.slice(1).find((v) => v !== undefined);
      }
      if (usable(value)) out.push(found(vpnSharedSecret, value, line));
    });
  },
};

// Reference: Kaggle API README, "API credentials" (~/.kaggle/kaggle.json: {"username": …, "key": …}).
export const kaggleCredentials: CredentialFile = {
  id: 'kaggle-api-key',
  title: 'Kaggle API key in kaggle.json',
  severity: 'error',
  keywords: [],
  paths: '.kaggle/kaggle.json, kaggle.json',
  summary: 'The key of the credentials file the Kaggle CLI reads. Ignores placeholders.',
  matchesPath: (_full, base) => base === 'kaggle.json',
  parser: () =>
    lines((line, out) => {
      const value = /"key"\s*:\s*"([^"]+)"/.exec(line)?.[1];
      if (usable(value, 16)) out.push(found(kaggleCredentials, value, line));
    }),
};
