// Credential files of servers and applications, each in its own syntax: WireGuard, WordPress's
// wp-config.php, Tomcat's tomcat-users.xml, WildFly's *-users.properties, Jenkins' credentials.xml
// and master.key, Vault's token helper file, redis.conf, SSH host keys.
import { codeLiteralParser } from '../config/code-literals.js';
import type { LineParser } from '../line-parser.js';
import { isPlaceholder } from '../placeholders.js';
import { Priority, type RawMatch } from '../types.js';
import { configParser } from '../config/index.js';
import { afterMarker, allOf, relabel, type CredentialFile } from './credential-file.js';

const push = (out: RawMatch[], format: CredentialFile, secret: string, line: string, from = 0, severity?: 'warning'): void =>
  void out.push({
    kind: format.id,
    title: format.title,
    secret,
    index: Math.max(0, line.indexOf(secret, from)),
    priority: Priority.file,
    ...(severity ? { severity } : {}),
  });

// Reference: WireGuard wg(8), "CONFIGURATION FILE FORMAT" ([Interface] PrivateKey, [Peer]
// PresharedKey: base64 of 32 bytes, 44 characters ending in "=") and wg-quick(8) (/etc/wireguard/
// <interface>.conf); the quick start writes `wg genkey > privatekey`.
const WG_KEY = /^\s*(PrivateKey|PresharedKey)\s*=\s*([A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=)\s*$/;
const WG_BARE_KEY = /^\s*([A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=)\s*$/;

export const wireguardConfig: CredentialFile = {
  id: 'wireguard-private-key',
  title: 'WireGuard private key',
  severity: 'error',
  keywords: [],
  paths: '/etc/wireguard/*.conf, privatekey files; any INI-style file with an [Interface] section',
  summary:
    'PrivateKey and PresharedKey of a WireGuard config (44 base64 characters), and a private key file written by wg genkey. Ignores PublicKey, placeholders and PostUp commands that read the key from a file.',
  matchesPath: (full, base) => /\/wireguard\/[^/]+\.conf$/.test(full) || base === 'privatekey' || /^wg[^/]*[._-]private\.?key$/.test(base),
  sniff: ['ini', 'plain'],
  parser: (byPath, path) => {
    const bare = /(?:^|\/)(?:privatekey|wg[^/]*[._-]private\.?key)$/.test(path);
    return afterMarker(
      /^\s*\[Interface\]/,
      {
        parse(line, out) {
          const m = WG_KEY.exec(line) ?? (bare ? WG_BARE_KEY.exec(line) : null);
          const key = m?.[m.length - 1];
          if (key !== undefined) push(out, wireguardConfig, key, line);
        },
      },
      byPath,
      '[',
    );
  },
};

// Reference: WordPress developer docs, "Editing wp-config.php" (define( 'DB_PASSWORD', '…' ) and
// the eight authentication keys and salts AUTH_KEY … NONCE_SALT). wp-config-sample.php ships
// 'password_here' and 'put your unique phrase here', and the official image reads getenv_docker().
const WP_DEFINE = /\bdefine\s*\(\s*(['"])(DB_PASSWORD|(?:SECURE_AUTH|LOGGED_IN|AUTH|NONCE)_(?:KEY|SALT))\1\s*,\s*(['"])((?:\\.|(?!\3).)*)\3\s*\)/;

export const wordpressConfig: CredentialFile = {
  id: 'wordpress-config-secret',
  title: 'Secret in WordPress wp-config.php',
  severity: 'error',
  keywords: [],
  projectFile: true,
  paths: 'wp-config.php (not wp-config-sample.php)',
  summary:
    "DB_PASSWORD and the authentication keys and salts (AUTH_KEY … NONCE_SALT) set with define() to a literal. Ignores the sample's phrases, placeholders and values read from the environment.",
  matchesPath: (_full, base) => base === 'wp-config.php',
  parser: () =>
    allOf([
      {
        parse(line, out) {
          if (!line.includes('define')) return;
          const m = WP_DEFINE.exec(line);
          const value = m?.[4];
          if (value === undefined || value.length < 4 || isPlaceholder(value) || /(?:^|[\s_])here$|unique phrase/i.test(value)) return;
          push(out, wordpressConfig, value, line, m!.index);
        },
      },
      codeLiteralParser(),
    ])!,
};

// Reference: Apache Tomcat docs, "Realm Configuration — MemoryRealm" (conf/tomcat-users.xml:
// <user username="…" password="…" roles="…"/>; older files name the user with name=). The shipped
// file keeps its sample users inside a comment, with password="<must-be-changed>".
export const tomcatUsers: CredentialFile = {
  id: 'tomcat-users-password',
  title: 'Password in Tomcat tomcat-users.xml',
  severity: 'error',
  keywords: [],
  projectFile: true,
  paths: 'tomcat-users.xml; any XML file with a <tomcat-users> element',
  summary: 'password attributes of <user> elements, also when the element spans lines. Ignores commented-out users and placeholders.',
  matchesPath: (_full, base) => base === 'tomcat-users.xml',
  sniff: ['xml'],
  parser: (byPath) => {
    let inComment = false;
    return afterMarker(
      /<tomcat-users\b/,
      {
        parse(line, out) {
          // Only the text outside <!-- … --> counts; a comment may span lines.
          let text = '';
          for (let at = 0; at < line.length;) {
            const next = line.indexOf(inComment ? '-->' : '<!--', at);
            const end = next === -1 ? line.length : next;
            if (!inComment) text += line.slice(at, end);
            else text += ' '.repeat(end - at);
            if (next === -1) break;
            text += ' '.repeat(inComment ? 3 : 4);
            at = next + (inComment ? 3 : 4);
            inComment = !inComment;
          }
          const m = /\bpassword\s*=\s*(["'])([^"']*)\1/.exec(text);
          const value = m?.[2];
          if (value === undefined || value.length < 3 || isPlaceholder(value) || value.startsWith('<')) return;
          push(out, tomcatUsers, value, line, m!.index);
        },
      },
      byPath,
      'tomcat-users',
    );
  },
};

// Reference: WildFly docs, "add-user utility" (standalone|domain/configuration/mgmt-users.properties
// and application-users.properties: username=HEX(MD5(username ':' realm ':' password)), after a
// "#$REALM_NAME=…$" line). A hash, not the password, but an unsalted MD5 falls to a dictionary.
export const wildflyUsers: CredentialFile = {
  id: 'wildfly-user-hash',
  title: 'Password hash in WildFly users properties',
  severity: 'warning',
  keywords: [],
  projectFile: true,
  paths: 'mgmt-users.properties, application-users.properties; any properties file with a #$REALM_NAME= line',
  summary:
    'user=32-hex-digit lines (MD5 of user:realm:password). A warning: a hash, though an unsalted MD5 cracks quickly. Ignores the commented samples.',
  matchesPath: (_full, base) => base === 'mgmt-users.properties' || base === 'application-users.properties',
  sniff: ['ini'],
  parser: (byPath) =>
    afterMarker(
      /^#\$REALM_NAME=/,
      {
        parse(line, out) {
          const m = /^\s*([^#!\s=][^=]*)=([0-9a-fA-F]{32})\s*$/.exec(line);
          if (m !== null) push(out, wildflyUsers, m[2]!, line, m[1]!.length, 'warning');
        },
      },
      byPath,
      '#$REALM_NAME=',
    ),
};

// Reference: Jenkins docs, "Credentials" and hudson.util.Secret: credentials.xml (and job and node
// config.xml) keep each secret as {base64} encrypted with the key in $JENKINS_HOME/secrets/ (a
// warning, like Maven's {…}: usable with master.key and hudson.util.Secret, which are then errors).
const JENKINS_SECRET = /\{(AQAAAB[A-Za-z0-9+/]{20,}={0,2})\}/g;

export const jenkinsCredentials: CredentialFile = {
  id: 'jenkins-encrypted-secret',
  title: 'Encrypted secret in Jenkins credentials.xml',
  severity: 'warning',
  keywords: [],
  paths: '$JENKINS_HOME/credentials.xml; any XML file of Jenkins credentials (com.cloudbees.plugins.credentials)',
  summary:
    "{AQAAAB…} values (hudson.util.Secret): encrypted with the instance key in secrets/, so a warning; a copy of the instance's secrets/ directory makes them usable.",
  matchesPath: (full, base) => base === 'credentials.xml' && /jenkins/i.test(full),
  sniff: ['xml'],
  parser: (byPath) =>
    afterMarker(
      /com\.cloudbees\.plugins\.credentials/,
      {
        parse(line, out) {
          if (!line.includes('{AQAAAB')) return;
          JENKINS_SECRET.lastIndex = 0;
          for (let m = JENKINS_SECRET.exec(line); m !== null; m = JENKINS_SECRET.exec(line))
            push(out, jenkinsCredentials, m[0], line, m.index, 'warning');
        },
      },
      byPath,
      'cloudbees',
    ),
};

// Reference: Jenkins docs, "Securing Jenkins — Credentials storage": $JENKINS_HOME/secrets/master.key
// (256 hex characters) decrypts hudson.util.Secret, which decrypts every stored credential.
export const jenkinsMasterKey: CredentialFile = {
  id: 'jenkins-master-key',
  title: 'Jenkins master key',
  severity: 'error',
  keywords: [],
  paths: '$JENKINS_HOME/secrets/master.key',
  summary: 'The hex key that, with secrets/hudson.util.Secret, decrypts every credential of the Jenkins instance. Ignores any other content.',
  matchesPath: (full) => /\/secrets\/master\.key$/.test(full) && !/\/config\/master\.key$/.test(full),
  parser: () => ({
    parse(line, out) {
      const m = /^\s*([0-9a-f]{64,512})\s*$/.exec(line);
      if (m !== null) push(out, jenkinsMasterKey, m[1]!, line);
    },
  }),
};

// Reference: Vault docs, "Token helpers" (the default helper keeps the token of `vault login` in
// ~/.vault-token) and "Tokens" (hvs./hvb./hvr. service, batch and recovery tokens; s./b./r. before 1.10).
export const vaultTokenFile: CredentialFile = {
  id: 'vault-token-file',
  title: 'Vault token in .vault-token',
  severity: 'error',
  keywords: [],
  paths: '.vault-token',
  summary: 'The token the Vault CLI stored at login, in any of its formats. Ignores placeholders.',
  matchesPath: (_full, base) => base === '.vault-token',
  parser: () => ({
    parse(line, out) {
      const m = /^\s*([A-Za-z0-9._-]{20,256})\s*$/.exec(line);
      if (m !== null && !isPlaceholder(m[1]!)) push(out, vaultTokenFile, m[1]!, line);
    },
  }),
};

// Reference: redis.conf, the self-documented example shipped with Redis ("SECURITY": requirepass,
// ACL `user <name> on >password`; "REPLICATION": masterauth; sentinel.conf: sentinel auth-pass).
const REDIS_SETTING = /^\s*(?:requirepass|masterauth|sentinel\s+auth-pass\s+\S+)\s+(?:"([^"]+)"|'([^']+)'|(\S+))\s*$/i;
const REDIS_ACL = /^\s*user\s+\S+\s+(?:\S+\s+)*?>(\S+)/;

export const redisConfig: CredentialFile = {
  id: 'redis-config-password',
  title: 'Password in redis.conf',
  severity: 'error',
  keywords: [],
  projectFile: true,
  paths: 'redis.conf, redis-*.conf, sentinel.conf; any .conf or extensionless file with requirepass or masterauth lines',
  summary: 'requirepass, masterauth, sentinel auth-pass and ACL >password values. Ignores the commented-out examples and placeholders.',
  matchesPath: (_full, base) => /^(?:redis|sentinel)(?:[._-][^/]*)?\.conf$/.test(base),
  sniff: ['ini', 'plain'],
  parser: (byPath) => ({
    parse(line, out) {
      if (!byPath && !line.includes('requirepass') && !line.includes('masterauth') && !line.includes('auth-pass')) return;
      const t = line.trimStart();
      const acl = byPath && t.startsWith('user ') ? REDIS_ACL.exec(line) : null;
      const m = acl ?? (/^(?:requirepass|masterauth|sentinel)\b/i.test(t) ? REDIS_SETTING.exec(line) : null);
      const value = m === null ? undefined : (m[1] ?? m[2] ?? m[3]);
      // foobared is redis.conf's own documented example (`# requirepass foobared`).
      if (value === undefined || value.length < 4 || isPlaceholder(value) || value.startsWith('<') || value === 'foobared') return;
      push(out, redisConfig, value, line, t === line ? 0 : line.length - t.length);
    },
  }),
};

// Reference: OpenSSH sshd(8), "FILES" (/etc/ssh/ssh_host_{rsa,ecdsa,ed25519}_key: the host's private
// keys) and Debian's openssh-server, whose maintainer script generates them at install time. Baked
// into an image, every container of it shares one host identity, and anyone who pulls the image can
// impersonate its servers; but the key opens no account, and it is the package's doing, not a
// credential the team copied in: a warning (regenerate at container start instead).
export const sshHostKey: CredentialFile = {
  id: 'ssh-host-key',
  title: 'SSH host private key',
  severity: 'warning',
  keywords: [],
  paths: '/etc/ssh/ssh_host_*_key',
  summary:
    'A private key at an sshd host key path: every container of the image shares it. A warning (it authenticates the server, not a user); user keys elsewhere stay errors.',
  matchesPath: (_full, base) => /^ssh_host_[a-z0-9]+_key$/.test(base),
  parser: (): LineParser => ({ parse() {} }),
  adjust: (m) =>
    m.kind === 'private-key' || m.kind === 'private-key-encrypted' ? { ...m, kind: sshHostKey.id, title: sshHostKey.title, severity: 'warning' } : m,
};

// Reference: Debian's ssl-cert package, make-ssl-cert(8): its maintainer script generates the
// self-signed "snakeoil" pair (/etc/ssl/private/ssl-cert-snakeoil.key) when the package is
// installed, for services that need some TLS key at all. As with SSH host keys: shared by every
// container of the image, the package's doing, a warning; a team's own key there is not snakeoil.
export const snakeoilKey: CredentialFile = {
  id: 'snakeoil-private-key',
  title: 'ssl-cert snakeoil private key',
  severity: 'warning',
  keywords: [],
  paths: '/etc/ssl/private/ssl-cert-snakeoil.key',
  summary:
    "The self-signed key Debian's ssl-cert generates at install: every container of the image shares it. A warning; any other key stays an error.",
  matchesPath: (_full, base) => base === 'ssl-cert-snakeoil.key',
  parser: (): LineParser => ({ parse() {} }),
  adjust: (m) =>
    m.kind === 'private-key' || m.kind === 'private-key-encrypted'
      ? { ...m, kind: snakeoilKey.id, title: snakeoilKey.title, severity: 'warning' }
      : m,
};

/** A format's own reader, plus the generic XML one when the path (not the content) chose the format. */
const withXml = (byPath: boolean, own: LineParser): LineParser => (byPath ? allOf([own, configParser('xml')])! : own);

// Reference: Apache Tomcat docs, "HTTP Connector — SSL Support" (keystorePass, truststorePass,
// certificateKeystorePassword, certificateKeyPassword, SSLPassword attributes of <Connector> and
// <SSLHostConfig>/<Certificate>) and "JNDI Resources" (<Resource … password="…"/> in context.xml).
// Their elements span lines, one attribute per line, which a line-wise XML reading misses.
const TOMCAT_ATTRIBUTE =
  /\b(keystorePass|truststorePass|certificateKeystorePassword|certificateKeyPassword|SSLPassword|password)\s*=\s*(["'])([^"']*)\2/g;

export const tomcatServerConfig: CredentialFile = {
  id: 'tomcat-server-password',
  title: 'Password in Tomcat server.xml or context.xml',
  severity: 'error',
  keywords: [],
  projectFile: true,
  paths: 'server.xml and context.xml under conf/ or META-INF/; any XML file with a <Connector> element',
  summary:
    'keystorePass, truststorePass, certificateKeystorePassword, certificateKeyPassword, SSLPassword and Resource password attributes, also on continuation lines. Ignores ${…} references, the default "changeit" and placeholders.',
  matchesPath: (full, base) => (base === 'server.xml' || base === 'context.xml') && /\/(?:conf|META-INF)(?:\/[^/]+)?\/[^/]+$/.test(full),
  sniff: ['xml'],
  // By its path the file gets this reader and the XML one (which a sniffed file gets anyway).
  parser: (byPath) =>
    withXml(
      byPath,
      afterMarker(
        /<Connector\b/,
        {
          parse(line, out) {
            if (!/pass/i.test(line)) return;
            TOMCAT_ATTRIBUTE.lastIndex = 0;
            for (let m = TOMCAT_ATTRIBUTE.exec(line); m !== null; m = TOMCAT_ATTRIBUTE.exec(line)) {
              const value = m[3]!;
              // changeit is the JDK's documented default keystore password (keytool docs).
              if (value.length < 4 || isPlaceholder(value) || value.startsWith('<') || value === 'changeit') continue;
              push(out, tomcatServerConfig, value, line, m.index);
            }
          },
        },
        byPath,
        '<Connector',
      ),
    ),
};

// Reference: Hibernate ORM docs, "Configuration — hibernate.cfg.xml" (<property name="…">value</property>
// inside <session-factory>; hibernate.connection.password is the JDBC password).
export const hibernateConfig: CredentialFile = {
  id: 'hibernate-config-password',
  title: 'Password in hibernate.cfg.xml',
  severity: 'error',
  keywords: [],
  projectFile: true,
  paths: 'hibernate.cfg.xml; any XML file with a <hibernate-configuration> element',
  summary: 'The text of <property name="[hibernate.]connection.password"> elements. Ignores ${…} references and placeholders.',
  matchesPath: (_full, base) => base === 'hibernate.cfg.xml',
  sniff: ['xml'],
  parser: (byPath) =>
    withXml(
      byPath,
      afterMarker(
        /<hibernate-configuration\b/,
        {
          parse(line, out) {
            const m = /<property\s+name\s*=\s*["'](?:hibernate\.)?connection\.password["']\s*>([^<]*)<\/property>/.exec(line);
            const value = m?.[1]?.trim();
            if (value !== undefined && value.length >= 3 && !isPlaceholder(value)) push(out, hibernateConfig, value, line, m!.index);
          },
        },
        byPath,
        'hibernate-configuration',
      ),
    ),
};

// Reference: Grafana docs, "Configure Grafana — [security]" (admin_password defaults to admin and
// must be changed at first login; defaults.ini ships secret_key SW2YcwTIb9zpOOhoPsMm, the documented
// default). Only a value other than these documented defaults is a finding.
const GRAFANA_DEFAULTS = new Set(['admin', 'SW2YcwTIb9zpOOhoPsMm']);

export const grafanaConfig: CredentialFile = {
  id: 'grafana-config-secret',
  title: 'Secret in grafana.ini',
  severity: 'error',
  keywords: [],
  projectFile: true,
  paths: 'grafana.ini, grafana/conf/defaults.ini, grafana/conf/sample.ini',
  summary:
    "Secret-named settings (admin_password, secret_key, database and SMTP passwords, client_secret). Ignores Grafana's documented defaults (admin, the shipped secret_key) and placeholders.",
  matchesPath: (full, base) => base === 'grafana.ini' || /\/grafana\/conf\/(?:defaults|sample)\.ini$/.test(full),
  parser: () => {
    const inner = relabel(configParser('ini'), grafanaConfig);
    return {
      parse(line, out, lineNo, offset) {
        const from = out.length;
        inner.parse(line, out, lineNo, offset);
        for (let i = out.length - 1; i >= from; i--) if (GRAFANA_DEFAULTS.has(out[i]!.secret)) out.splice(i, 1);
      },
    };
  },
};
