// Round four of the places corpus (issue 15): credential files and formats no earlier round tried —
// private keys of every kind (OpenSSH, PKCS#1/#8, SEC1, DSA, PuTTY, PGP, age, WireGuard, OpenVPN,
// SSH host keys, binary PKCS#12 and Java keystores), application and server configs (WordPress,
// Django, Rails, Laravel, Flask, Tomcat, WildFly, Jenkins, FileZilla, NuGet, gh, hub, Vault, Azure
// CLI, redis, …), shell histories, one-line JSON, CSV exports, Makefiles and Terraform — at their
// usual paths and away from them, each next to what a real image holds there and must not be
// flagged. Every value is generated here; none is a real credential.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { alphabet as A, body, bytes } from './gen.js';
import type { PlaceCase } from './places-cases.js';

type Draft = Omit<PlaceCase, 'group'>;

const r4 = (seed: string): string => 'Tb8k' + body(A.alnum, 14, `places-r4-${seed}`);
const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');
const j = (...lines: string[]): string => lines.join('\n') + '\n';
const wrapAt = (text: string, width: number): string[] => text.match(new RegExp(`.{1,${width}}`, 'g')) ?? [];
const pemOf = (label: string, der: Buffer): string => j(`-----BEGIN ${label}-----`, ...wrapAt(der.toString('base64'), 64), `-----END ${label}-----`);

// ---------------------------------------------------------------------------------------------
// Key material, generated per run (the formats' own encodings, built from real key pairs).

const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const ed = generateKeyPairSync('ed25519');
const pkcs1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const pkcs8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const pkcs8Encrypted = rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'correct horse' }).toString();
const sec1 = ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString();
// A legacy DSA key (`openssl dsa` output): Node no longer makes DSA keys everywhere, so the body is
// DER-shaped bytes of a DSA key's size; the scanner judges the armour and the base64 body.
const dsaLegacy = pemOf('DSA PRIVATE KEY', Buffer.concat([Buffer.from([0x30, 0x82, 0x01, 0xbb, 0x02, 0x01, 0x00]), bytes(440, 'r4-dsa')]));

const sshString = (b: Buffer | string): Buffer => {
  const data = Buffer.from(b);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  return Buffer.concat([len, data]);
};
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const edRaw = (): { pub: Buffer; seed: Buffer } => {
  const pub = ed.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const seed = ed.privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
  return { pub, seed };
};
/** An OpenSSH "openssh-key-v1" Ed25519 key (PROTOCOL.key), unencrypted or with a cipher named. */
function opensshKey(comment: string, cipher = 'none'): string {
  const { pub, seed } = edRaw();
  const pubBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
  let priv = Buffer.concat([
    u32(0x5eed1234),
    u32(0x5eed1234),
    sshString('ssh-ed25519'),
    sshString(pub),
    sshString(Buffer.concat([seed, pub])),
    sshString(comment),
  ]);
  for (let pad = 1; priv.length % 8 !== 0; pad++) priv = Buffer.concat([priv, Buffer.from([pad])]);
  const kdf =
    cipher === 'none'
      ? Buffer.concat([sshString('none'), sshString('')])
      : Buffer.concat([sshString('bcrypt'), sshString(Buffer.concat([sshString(bytes(16, 'r4-salt')), u32(16)]))]);
  const whole = Buffer.concat([Buffer.from('openssh-key-v1\0', 'latin1'), sshString(cipher), kdf, u32(1), sshString(pubBlob), sshString(priv)]);
  return j('-----BEGIN OPENSSH PRIVATE KEY-----', ...wrapAt(whole.toString('base64'), 70), '-----END OPENSSH PRIVATE KEY-----');
}
const opensshUser = opensshKey('deploy@ci-runner');
const opensshHost = opensshKey('root@buildkitsandbox');
const opensshEncrypted = opensshKey('dev@laptop', 'aes256-ctr');

/** A PuTTY .ppk (PuTTY manual, "PPK file format"), version 2 or 3, unencrypted. */
function ppk(version: 2 | 3): string {
  const { pub, seed } = edRaw();
  const pubBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]).toString('base64');
  const privBlob = sshString(seed).toString('base64');
  const mac = createHash(version === 3 ? 'sha256' : 'sha1')
    .update(`ppk-${version}`)
    .digest('hex');
  return j(
    `PuTTY-User-Key-File-${version}: ssh-ed25519`,
    'Encryption: none',
    'Comment: eddsa-key-20240312',
    `Public-Lines: ${wrapAt(pubBlob, 64).length}`,
    ...wrapAt(pubBlob, 64),
    `Private-Lines: ${wrapAt(privBlob, 64).length}`,
    ...wrapAt(privBlob, 64),
    `Private-MAC: ${mac}`,
  );
}

const pgpBody = bytes(900, 'r4-pgp').toString('base64');
const pgpPrivate = j(
  '-----BEGIN PGP PRIVATE KEY BLOCK-----',
  'Comment: release signing subkey',
  '',
  ...wrapAt(pgpBody, 64),
  '=' + b64(bytes(3, 'r4-pgp-crc')),
  '-----END PGP PRIVATE KEY BLOCK-----',
);
const ageKey = 'AGE-SECRET-KEY-1' + body(A.bech32, 58, 'r4-age');
const agePublic = 'age1' + body(A.bech32.toLowerCase(), 58, 'r4-age-pub');
const wgKey = (seed: string): string => b64(Buffer.from(bytes(32, `r4-wg-${seed}`).map((b, i) => (i % 5 === 0 ? b | 1 : b))));
const wgPrivate = wgKey('private');
const wgPeer = wgKey('peer');
const wgPreshared = wgKey('psk');
const ovpnStatic = j(
  '-----BEGIN OpenVPN Static key V1-----',
  ...wrapAt(body(A.hex, 512, 'r4-ovpn-static'), 32),
  '-----END OpenVPN Static key V1-----',
);

// --- DER, for PKCS#12 ---------------------------------------------------------------------------
const derLen = (n: number): Buffer => (n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]));
const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const c = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), derLen(c.length), c]);
};
const seq = (...c: Buffer[]): Buffer => tlv(0x30, ...c);
const set = (...c: Buffer[]): Buffer => tlv(0x31, ...c);
const int = (n: number): Buffer => tlv(0x02, Buffer.from([n]));
const octets = (b: Buffer): Buffer => tlv(0x04, b);
const explicit0 = (...c: Buffer[]): Buffer => tlv(0xa0, ...c);
const oid = (dotted: string): Buffer => {
  const parts = dotted.split('.').map(Number);
  const out = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const groups: number[] = [];
    let v = p;
    do {
      groups.unshift(v & 0x7f);
      v >>= 7;
    } while (v > 0);
    out.push(...groups.map((g, i) => (i < groups.length - 1 ? g | 0x80 : g)));
  }
  return tlv(0x06, Buffer.from(out));
};
const DATA = '1.2.840.113549.1.7.1';
const ENCRYPTED_DATA = '1.2.840.113549.1.7.6';
const PBES2 = '1.2.840.113549.1.5.13';
const bag = (bagOid: string, value: Buffer, alias: string): Buffer =>
  seq(oid(bagOid), explicit0(value), set(seq(oid('1.2.840.113549.1.9.20'), set(tlv(0x1e, Buffer.from(alias, 'utf16le').swap16())))));
const encryptedPrivateKeyInfo = (seed: string): Buffer => seq(seq(oid(PBES2), seq()), octets(bytes(640, seed)));
const certDer = (seed: string): Buffer => seq(seq(explicit0(int(2)), int(7), seq(oid('1.2.840.113549.1.1.11')), octets(bytes(300, seed))));
/** A PFX (RFC 7292): certificates in an encryptedData, the key bag (if any) in a plain data ContentInfo, then the MAC. */
export function pkcs12(keyBag: 'shrouded' | 'plain' | 'none', seed: string, trustedCerts = 0): Buffer {
  const contents: Buffer[] = [];
  contents.push(seq(oid(ENCRYPTED_DATA), explicit0(seq(int(0), seq(oid(DATA), seq(oid(PBES2), seq()), tlv(0x80, bytes(700, `${seed}-certs`)))))));
  const bags: Buffer[] = [];
  if (keyBag === 'shrouded') bags.push(bag('1.2.840.113549.1.12.10.1.2', encryptedPrivateKeyInfo(`${seed}-key`), 'tomcat'));
  if (keyBag === 'plain')
    bags.push(bag('1.2.840.113549.1.12.10.1.1', seq(int(0), seq(oid('1.2.840.113549.1.1.1')), octets(bytes(600, `${seed}-plain`))), 'server'));
  for (let i = 0; i < trustedCerts; i++)
    bags.push(bag('1.2.840.113549.1.12.10.1.3', seq(oid('1.2.840.113549.1.9.22.1'), explicit0(octets(certDer(`${seed}-ca${i}`)))), `ca${i}`));
  if (bags.length > 0) contents.push(seq(oid(DATA), explicit0(octets(seq(...bags)))));
  const authSafe = seq(oid(DATA), explicit0(octets(seq(...contents))));
  const mac = seq(seq(seq(oid('2.16.840.1.101.3.4.2.1'), tlv(0x05)), octets(bytes(32, `${seed}-mac`))), octets(bytes(8, `${seed}-salt`)), int(1));
  return seq(int(3), authSafe, mac);
}

// --- Java keystores (JKS 0xFEEDFEED, JCEKS 0xCECECECE) -------------------------------------------
const javaUtf = (s: string): Buffer => Buffer.concat([Buffer.from([s.length >> 8, s.length & 0xff]), Buffer.from(s, 'utf8')]);
const u64 = (n: number): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
};
export type JksEntry = { tag: 1 | 2; alias: string; seed: string };
/** A JKS/JCEKS keystore (sun.security.provider.JavaKeyStore's layout, version 2), ending with its SHA-1 digest. */
export function javaKeystore(entries: JksEntry[], magic = 0xfeedfeed): Buffer {
  const parts: Buffer[] = [u32(magic), u32(2), u32(entries.length)];
  for (const e of entries) {
    parts.push(u32(e.tag), javaUtf(e.alias), u64(1_700_000_000_000));
    if (e.tag === 1) {
      const key = Buffer.concat([Buffer.from([0x30, 0x82, 0x02, 0x7c]), bytes(636, `${e.seed}-key`)]);
      const cert = certDer(`${e.seed}-chain`);
      parts.push(u32(key.length), key, u32(1), javaUtf('X.509'), u32(cert.length), cert);
    } else {
      const cert = certDer(e.seed);
      parts.push(javaUtf('X.509'), u32(cert.length), cert);
    }
  }
  const content = Buffer.concat(parts);
  return Buffer.concat([content, createHash('sha1').update(content).digest()]);
}

const cacertsJks = javaKeystore(Array.from({ length: 40 }, (_, i) => ({ tag: 2 as const, alias: `debian:ca-${i}.pem`, seed: `r4-cacerts-${i}` })));
const serverJks = javaKeystore([
  { tag: 2, alias: 'root-ca', seed: 'r4-jks-ca' },
  { tag: 1, alias: 'tomcat', seed: 'r4-jks-tomcat' },
]);
const jceks = javaKeystore([{ tag: 1, alias: 'signing', seed: 'r4-jceks' }], 0xcececece);

// ---------------------------------------------------------------------------------------------
// Positives. `secret: ''` means any match of the file counts (key blocks, binary keystores).

const djangoKey = body(A.lowerAlnum + '!@#%^&*(-_=+)', 50, 'r4-django');
const wpSalt = (seed: string): string => body(A.alnum + '!@#%^&*()-_[]{}<>~+=,.;:/?|', 64, `r4-wp-${seed}`);
const railsSecretBase = body(A.hex, 128, 'r4-rails-skb');
const laravelKey = 'base64:' + b64(bytes(32, 'r4-laravel'));
const jbossHash = body(A.hex, 32, 'r4-jboss');
const jenkinsSecret = '{AQAAABAAAAAQ' + body(A.base64, 44, 'r4-jenkins') + '=}';
const filezillaPass = r4('filezilla');
const ghToken = 'gho_' + body(A.alnum, 36, 'r4-gh');
const hubToken = body(A.hex, 40, 'r4-hub');
const vaultLegacy = 's.' + body(A.alnum, 24, 'r4-vault');
const azureRefresh = '0.A' + body(A.urlSafe, 300, 'r4-az-refresh');
const gsRefresh = '1//0' + body(A.urlSafe, 60, 'r4-boto');

const POSITIVES: Draft[] = [
  // --- private keys of every kind
  { name: 'OpenSSH Ed25519 key at ~/.ssh/id_ed25519', path: '/root/.ssh/id_ed25519', content: opensshUser, secret: '' },
  { name: 'OpenSSH key as a deploy key with no telling name', path: '/srv/ci/github-deploy', content: opensshUser, secret: '' },
  { name: 'OpenSSH key with a cipher (encrypted: at least a warning)', path: '/home/dev/.ssh/id_ed25519', content: opensshEncrypted, secret: '' },
  { name: 'PKCS#1 RSA key as server.key', path: '/app/certs/server.key', content: pkcs1, secret: '' },
  { name: 'PKCS#8 key in /etc/ssl/private', path: '/etc/ssl/private/app.pem', content: pkcs8, secret: '' },
  { name: 'encrypted PKCS#8 key (a warning)', path: '/app/keys/signing.key', content: pkcs8Encrypted, secret: '' },
  { name: 'SEC1 EC key', path: '/etc/nginx/certs/ec.key', content: sec1, secret: '' },
  { name: 'legacy DSA key', path: '/root/.ssh/id_dsa', content: dsaLegacy, secret: '' },
  {
    name: 'PEM key concatenated after its certificate (haproxy.pem)',
    path: '/etc/haproxy/certs/site.pem',
    content: pemOf('CERTIFICATE', certDer('r4-haproxy')) + pkcs8,
    secret: '',
  },
  { name: 'PuTTY .ppk version 2', path: '/app/deploy/putty/deploy.ppk', content: ppk(2), secret: '' },
  { name: 'PuTTY .ppk version 3, renamed', path: '/srv/keys/jumphost-key', content: ppk(3), secret: '' },
  { name: 'PGP private key block (gpg --export-secret-keys -a)', path: '/app/release/signing-key.asc', content: pgpPrivate, secret: '' },
  {
    name: 'age identity file (age-keygen)',
    path: '/root/.config/sops/age/keys.txt',
    content: j('# created: 2024-03-12T10:04:11Z', `# public key: ${agePublic}`, ageKey),
    secret: ageKey,
  },
  { name: 'age key in an env file', path: '/app/deploy/sops.env', content: `SOPS_AGE_KEY=${ageKey}\n`, secret: ageKey },
  {
    name: 'WireGuard wg0.conf',
    path: '/etc/wireguard/wg0.conf',
    content: j(
      '[Interface]',
      'Address = 10.8.0.2/24',
      `PrivateKey = ${wgPrivate}`,
      'DNS = 10.8.0.1',
      '',
      '[Peer]',
      `PublicKey = ${wgPeer}`,
      'Endpoint = vpn.corp.lan:51820',
      'AllowedIPs = 0.0.0.0/0',
    ),
    secret: wgPrivate,
  },
  {
    name: 'WireGuard config renamed, with a preshared key',
    path: '/srv/vpn/office.conf',
    content: j(
      '[Interface]',
      `PrivateKey=${wgPrivate}`,
      'ListenPort=51820',
      '[Peer]',
      `PublicKey=${wgPeer}`,
      `PresharedKey=${wgPreshared}`,
      'AllowedIPs=10.8.0.0/24',
    ),
    secret: wgPrivate,
  },
  { name: 'WireGuard private key file (wg genkey > privatekey)', path: '/etc/wireguard/privatekey', content: `${wgPrivate}\n`, secret: wgPrivate },
  {
    name: 'OpenVPN client profile with an inline key',
    path: '/app/vpn/client.ovpn',
    content: j('client', 'dev tun', 'remote vpn.corp.lan 1194', '<key>', pkcs8.trimEnd(), '</key>'),
    secret: '',
  },
  {
    name: 'OpenVPN profile with an inline tls-crypt static key',
    path: '/etc/openvpn/client/corp.conf',
    content: j(
      'client',
      'dev tun',
      'remote vpn.corp.lan 1194',
      'auth-user-pass /etc/openvpn/auth.txt',
      '<tls-crypt>',
      ovpnStatic.trimEnd(),
      '</tls-crypt>',
    ),
    secret: '',
  },
  { name: 'OpenVPN static key file (ta.key)', path: '/etc/openvpn/server/ta.key', content: ovpnStatic, secret: '' },
  { name: 'SSH host key baked into the image', path: '/etc/ssh/ssh_host_ed25519_key', content: opensshHost, secret: '' },
  { name: 'PKCS#12 keystore with a shrouded key bag (.p12)', path: '/app/config/keystore.p12', content: pkcs12('shrouded', 'r4-p12'), secret: '' },
  { name: 'PKCS#12 with a plain key bag, renamed', path: '/opt/app/tls/server-identity', content: pkcs12('plain', 'r4-p12-plain'), secret: '' },
  { name: 'PFX with a key and CA certificates', path: '/app/certs/site.pfx', content: pkcs12('shrouded', 'r4-pfx', 3), secret: '' },
  { name: 'JKS keystore with a private key entry', path: '/usr/local/tomcat/conf/.keystore', content: serverJks, secret: '' },
  { name: 'JKS keystore renamed', path: '/opt/app/conf/server.jks', content: serverJks, secret: '' },
  { name: 'JCEKS keystore with a key entry', path: '/opt/app/conf/secrets.jceks', content: jceks, secret: '' },

  // --- application and server configuration
  {
    name: 'WordPress wp-config.php DB_PASSWORD',
    path: '/var/www/html/wp-config.php',
    content: j(
      '<?php',
      "define( 'DB_NAME', 'wordpress' );",
      "define( 'DB_USER', 'wp' );",
      `define( 'DB_PASSWORD', '${r4('wp-db')}' );`,
      "define( 'DB_HOST', 'db:3306' );",
    ),
    secret: r4('wp-db'),
  },
  {
    name: 'WordPress salts (AUTH_KEY)',
    path: '/var/www/html/wp-config.php',
    content: j(
      '<?php',
      `define('AUTH_KEY',         '${wpSalt('auth')}');`,
      `define('SECURE_AUTH_KEY',  '${wpSalt('secure')}');`,
      `define('NONCE_SALT',       '${wpSalt('nonce')}');`,
    ),
    secret: wpSalt('auth'),
  },
  {
    name: 'Django settings.py SECRET_KEY',
    path: '/app/mysite/settings.py',
    content: j('import os', '', `SECRET_KEY = '${djangoKey}'`, '', 'DEBUG = False', "ALLOWED_HOSTS = ['*']"),
    secret: djangoKey,
  },
  {
    name: 'Django DATABASES password',
    path: '/app/mysite/settings/production.py',
    content: j(
      'DATABASES = {',
      "    'default': {",
      "        'ENGINE': 'django.db.backends.postgresql',",
      "        'USER': 'app',",
      `        'PASSWORD': '${r4('django-db')}',`,
      '    }',
      '}',
    ),
    secret: r4('django-db'),
  },
  {
    name: 'Rails config/secrets.yml secret_key_base',
    path: '/app/config/secrets.yml',
    content: j('production:', `  secret_key_base: ${railsSecretBase}`),
    secret: railsSecretBase,
  },
  {
    name: 'Rails database.yml password',
    path: '/app/config/database.yml',
    content: j('production:', '  adapter: postgresql', '  database: app_production', '  username: app', `  password: ${r4('rails-db')}`),
    secret: r4('rails-db'),
  },
  {
    name: 'Laravel .env APP_KEY',
    path: '/var/www/html/.env',
    content: j('APP_NAME=Shop', 'APP_ENV=production', `APP_KEY=${laravelKey}`, 'APP_DEBUG=false'),
    secret: laravelKey,
  },
  {
    name: 'Flask config SECRET_KEY',
    path: '/app/instance/config.py',
    content: j(`SECRET_KEY = "${r4('flask')}${body(A.hex, 16, 'r4-flask2')}"`, "SQLALCHEMY_DATABASE_URI = 'sqlite:///app.db'"),
    secret: `${r4('flask')}${body(A.hex, 16, 'r4-flask2')}`,
  },
  {
    name: "Flask app.config['SECRET_KEY']",
    path: '/app/app.py',
    content: j('app = Flask(__name__)', `app.config['SECRET_KEY'] = '${body(A.hex, 48, 'r4-flask-cfg')}'`),
    secret: body(A.hex, 48, 'r4-flask-cfg'),
  },
  {
    name: 'Spring application-prod.properties in a fat jar layout',
    path: '/app/BOOT-INF/classes/application-prod.properties',
    content: j('spring.datasource.url=jdbc:postgresql://db:5432/app', 'spring.datasource.username=app', `spring.datasource.password=${r4('spring')}`),
    secret: r4('spring'),
  },
  {
    name: 'Tomcat tomcat-users.xml (name= form, multi-line)',
    path: '/opt/tomcat/conf/tomcat-users.xml',
    content: j(
      '<tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">',
      '  <role rolename="manager-gui"/>',
      '  <user username="deployer"',
      `        password="${r4('tomcat')}"`,
      '        roles="manager-script"/>',
      '</tomcat-users>',
    ),
    secret: r4('tomcat'),
  },
  {
    name: 'WildFly mgmt-users.properties (HEX(MD5(user:realm:password)), a warning)',
    path: '/opt/jboss/wildfly/standalone/configuration/mgmt-users.properties',
    content: j('#', "# Properties declaration of users for the realm 'ManagementRealm'.", '#', '#$REALM_NAME=ManagementRealm$', `admin=${jbossHash}`),
    secret: jbossHash,
  },
  {
    name: 'Jenkins credentials.xml ({AQAAABAAAA…} secret)',
    path: '/var/jenkins_home/credentials.xml',
    content: j(
      "<?xml version='1.1' encoding='UTF-8'?>",
      '<com.cloudbees.plugins.credentials.SystemCredentialsProvider plugin="credentials@1319.v7eb_51b_3a_c97b_">',
      '  <domainCredentialsMap class="hudson.util.CopyOnWriteMap$Hash">',
      '    <entry>',
      '      <java.util.concurrent.CopyOnWriteArrayList>',
      '        <com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>',
      '          <id>nexus</id>',
      '          <username>deploy</username>',
      `          <password>${jenkinsSecret}</password>`,
      '        </com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>',
    ),
    secret: jenkinsSecret,
  },
  {
    name: 'FileZilla sitemanager.xml base64 password',
    path: '/root/.config/filezilla/sitemanager.xml',
    content: j(
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<FileZilla3 version="3.66.4" platform="*nix">',
      '  <Servers>',
      '    <Server>',
      '      <Host>ftp.corp.lan</Host>',
      '      <Port>21</Port>',
      '      <User>upload</User>',
      `      <Pass encoding="base64">${b64(filezillaPass)}</Pass>`,
      '    </Server>',
    ),
    secret: b64(filezillaPass),
  },
  {
    name: 'FileZilla recentservers.xml, copied',
    path: '/srv/backup/recentservers.xml',
    content: j(
      '<FileZilla3>',
      '  <RecentServers>',
      '    <Server>',
      '      <Host>sftp.corp.lan</Host>',
      `      <Pass encoding="base64">${b64(r4('fz-recent'))}</Pass>`,
      '    </Server>',
    ),
    secret: b64(r4('fz-recent')),
  },
  {
    name: 'NuGet nuget.config ClearTextPassword',
    path: '/root/.nuget/NuGet/NuGet.Config',
    content: j(
      '<?xml version="1.0" encoding="utf-8"?>',
      '<configuration>',
      '  <packageSourceCredentials>',
      '    <corp>',
      '      <add key="Username" value="ci" />',
      `      <add key="ClearTextPassword" value="${r4('nuget')}" />`,
      '    </corp>',
      '  </packageSourceCredentials>',
      '</configuration>',
    ),
    secret: r4('nuget'),
  },
  {
    name: 'Cargo credentials (old extensionless file)',
    path: '/root/.cargo/credentials',
    content: j('[registry]', `token = "cio${body(A.alnum, 32, 'r4-cargo')}"`),
    secret: `cio${body(A.alnum, 32, 'r4-cargo')}`,
  },
  {
    name: 'GitHub CLI hosts.yml',
    path: '/root/.config/gh/hosts.yml',
    content: j(
      'github.com:',
      '    users:',
      '        ci-bot:',
      `            oauth_token: ${ghToken}`,
      '    git_protocol: https',
      `    oauth_token: ${ghToken}`,
      '    user: ci-bot',
    ),
    secret: ghToken,
  },
  {
    name: 'hub config with a classic 40-hex token',
    path: '/root/.config/hub',
    content: j('github.com:', '- user: ci-bot', `  oauth_token: ${hubToken}`, '  protocol: https'),
    secret: hubToken,
  },
  { name: 'Vault .vault-token (legacy s. token)', path: '/root/.vault-token', content: vaultLegacy, secret: vaultLegacy },
  {
    name: 'boto .boto with a GCS refresh token',
    path: '/root/.boto',
    content: j('[Credentials]', `gs_oauth2_refresh_token = ${gsRefresh}`, '', '[GSUtil]', 'default_project_id = corp-prod'),
    secret: gsRefresh,
  },
  {
    name: 'Azure CLI accessTokens.json',
    path: '/root/.azure/accessTokens.json',
    content: JSON.stringify([
      {
        tokenType: 'Bearer',
        expiresIn: 3599,
        expiresOn: '2024-03-12 11:04:11.000000',
        resource: 'https://management.core.windows.net/',
        userId: 'ci@corp.onmicrosoft.com',
        refreshToken: azureRefresh,
        _clientId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
        _authority: 'https://login.microsoftonline.com/common',
      },
    ]),
    secret: azureRefresh,
  },
  {
    name: 'Azure CLI msal_token_cache.json refresh token',
    path: '/root/.azure/msal_token_cache.json',
    content: j(
      '{',
      '    "RefreshToken": {',
      '        "6f1e-login.microsoftonline.com-refreshtoken-04b07795--": {',
      '            "credential_type": "RefreshToken",',
      `            "secret": "${azureRefresh}",`,
      '            "home_account_id": "6f1e.72f9",',
      '            "environment": "login.microsoftonline.com",',
      '            "client_id": "04b07795-8ddb-461a-bbee-02f9e1bf7b46"',
      '        }',
      '    }',
      '}',
    ),
    secret: azureRefresh,
  },
  {
    name: 'redis.conf requirepass',
    path: '/usr/local/etc/redis/redis.conf',
    content: j('bind 0.0.0.0', 'port 6379', '# requirepass foobared', `requirepass ${r4('redis')}`, 'appendonly yes'),
    secret: r4('redis'),
  },
  {
    name: 'redis replica masterauth',
    path: '/etc/redis/replica.conf',
    content: j('replicaof redis-master 6379', `masterauth "${r4('redis-master')}"`),
    secret: r4('redis-master'),
  },
  {
    name: 'pg_service.conf',
    path: '/etc/postgresql-common/pg_service.conf',
    content: j('[orders]', 'host=db.internal', 'port=5432', 'dbname=orders', 'user=orders_rw', `password=${r4('pgservice')}`),
    secret: r4('pgservice'),
  },
  {
    name: 'MongoDB URI in .mongorc.js',
    path: '/root/.mongorc.js',
    content: j(`db = connect("mongodb://admin:${r4('mongorc')}@mongo.internal:27017/admin");`),
    secret: r4('mongorc'),
  },
  {
    name: 'mongod.conf keyFile-less security with a URI for a config server',
    path: '/etc/mongod.conf',
    content: j('net:', '  port: 27017', 'sharding:', `  configDB: "mongodb://cfg:${r4('mongod')}@cfg1.internal:27019/admin"`),
    secret: r4('mongod'),
  },
  {
    name: 'odbc.ini Password=',
    path: '/etc/odbc.ini',
    content: j('[orders]', 'Driver=PostgreSQL Unicode', 'Servername=db.internal', 'Username=orders', `Password=${r4('odbc')}`),
    secret: r4('odbc'),
  },
  {
    name: '.dockercfg (old format) at its path',
    path: '/root/.dockercfg',
    content: `{"https://index.docker.io/v1/":{"auth":"${b64('ci:' + r4('dockercfg'))}","email":"ci@corp.lan"}}`,
    secret: b64('ci:' + r4('dockercfg')),
  },
  {
    name: '.git/config with a token in the remote URL (submodule)',
    path: '/app/.git/modules/vendor/lib/config',
    content: j('[core]', '\trepositoryformatversion = 0', '[remote "origin"]', `\turl = https://oauth2:${r4('gitmod')}@gitlab.corp.lan/team/lib.git`),
    secret: r4('gitmod'),
  },
  // shell and REPL histories
  {
    name: '.bash_history mysql -p',
    path: '/root/.bash_history',
    content: j('apt-get update', 'cd /app', `mysql -uroot -p${r4('hist-mysql')} orders < dump.sql`, 'ls -la'),
    secret: r4('hist-mysql'),
  },
  {
    name: '.bash_history export TOKEN',
    path: '/home/app/.bash_history',
    content: j('cd /srv', `export API_TOKEN=${r4('hist-export')}`, 'npm start'),
    secret: r4('hist-export'),
  },
  {
    name: '.bash_history curl -u',
    path: '/root/.bash_history',
    content: j(`curl -u admin:${r4('hist-curl')} https://nexus.corp.lan/service/rest/v1/status`),
    secret: r4('hist-curl'),
  },
  {
    name: '.zsh_history extended format',
    path: '/root/.zsh_history',
    content: j(': 1710237851:0;cd /app', `: 1710237860:0;export GITHUB_TOKEN=${ghToken}`),
    secret: ghToken,
  },
  {
    name: '.mysql_history',
    path: '/root/.mysql_history',
    content: j('_HiStOrY_V2_', `CREATE\\040USER\\040'app'@'%'\\040IDENTIFIED\\040BY\\040'${r4('mysqlhist')}';`),
    secret: r4('mysqlhist'),
  },
  {
    name: '.psql_history',
    path: '/var/lib/postgresql/.psql_history',
    content: j('\\l', `ALTER USER app WITH PASSWORD '${r4('psqlhist')}';`, '\\q'),
    secret: r4('psqlhist'),
  },
  {
    name: '.python_history',
    path: '/root/.python_history',
    content: j('import openai', `client = openai.OpenAI(api_key="${r4('pyhist')}${body(A.alnum, 20, 'r4-pyhist2')}")`),
    secret: `${r4('pyhist')}${body(A.alnum, 20, 'r4-pyhist2')}`,
  },
  // one-line JSON, CSV, Makefile, Terraform
  {
    name: 'one-line JSON Kubernetes Secret (kubectl -o json | jq -c)',
    path: '/app/deploy/db-secret.json',
    content: `{"apiVersion":"v1","data":{"password":"${b64(r4('k8s-oneline'))}","username":"${b64('app')}"},"kind":"Secret","metadata":{"name":"db"},"type":"Opaque"}`,
    secret: r4('k8s-oneline'),
  },
  {
    name: 'one-line Docker config with several registries',
    path: '/srv/ci/docker-config-min.json',
    content: `{"auths":{"ghcr.io":{},"registry.corp.lan":{"auth":"${b64('ci:' + r4('docker-oneline'))}"}},"credsStore":""}`,
    secret: b64('ci:' + r4('docker-oneline')),
  },
  {
    name: 'CSV export with a password column',
    path: '/srv/export/users.csv',
    content: j('username,password,email', `alice,${r4('csv-1')},alice@corp.lan`, `bob,${r4('csv-2')},bob@corp.lan`),
    secret: r4('csv-1'),
  },
  {
    name: 'CSV of service credentials (quoted, ; separated)',
    path: '/srv/export/service-accounts.csv',
    content: j('"service";"login";"Password"', `"nexus";"deploy";"${r4('csv-q')}"`),
    secret: r4('csv-q'),
  },
  {
    name: 'Makefile := assignment, unquoted',
    path: '/app/Makefile',
    content: j('APP := shop', `DB_PASSWORD := ${r4('make')}`, '', 'run:', '\t./bin/app'),
    secret: r4('make'),
  },
  { name: 'Makefile ?= assignment', path: '/src/build/release.mk', content: j(`REGISTRY_TOKEN ?= ${r4('make2')}`), secret: r4('make2') },
  {
    name: 'lower-case Terraform password',
    path: '/app/infra/main.tf',
    content: j('resource "aws_db_instance" "orders" {', '  engine   = "postgres"', '  username = "orders"', `  password = "${r4('tf')}"`, '}'),
    secret: r4('tf'),
  },
  {
    name: 'HCL provider block token',
    path: '/app/infra/providers.tf',
    content: j('provider "github" {', `  token = "${ghToken}"`, '}'),
    secret: ghToken,
  },
];

// ---------------------------------------------------------------------------------------------
// Negatives: what a real image holds at or near those places.

const NEGATIVES: Draft[] = [
  {
    name: '/etc/shadow with locked and disabled accounts',
    path: '/etc/shadow',
    content: j('root:*:19700:0:99999:7:::', 'daemon:*:19700:0:99999:7:::', 'app:!:19701:0:99999:7:::', 'nobody:!*:19700:::::'),
    silent: true,
  },
  { name: "Java's cacerts (JKS of trusted certificates)", path: '/etc/ssl/certs/java/cacerts', content: cacertsJks, silent: true },
  { name: 'a PKCS#12 truststore with certificates only', path: '/opt/app/conf/truststore.p12', content: pkcs12('none', 'r4-trust', 4), silent: true },
  { name: 'a DER certificate', path: '/usr/local/share/ca-certificates/corp-root.der', content: certDer('r4-der'), silent: true },
  {
    name: 'a binary file that starts like DER',
    path: '/app/data/blob',
    content: Buffer.concat([Buffer.from([0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x03]), bytes(300, 'r4-blob')]),
    silent: true,
  },
  {
    name: 'a binary file that starts with FEEDFEED but is no keystore',
    path: '/app/data/feed',
    content: Buffer.concat([u32(0xfeedfeed), bytes(200, 'r4-feed')]),
    silent: true,
  },
  { name: 'test key in an npm package test dir', path: '/app/node_modules/ssh2/test/fixtures/id_rsa', content: pkcs1 },
  { name: 'test key in a pip package tests dir', path: '/usr/local/lib/python3.12/site-packages/paramiko/tests/test_rsa.key', content: pkcs1 },
  { name: 'test keystore in an npm package', path: '/app/node_modules/node-forge/tests/keystore.p12', content: pkcs12('shrouded', 'r4-npm-p12') },
  {
    name: 'ssh_config',
    path: '/etc/ssh/ssh_config',
    content: j('Host *', '    SendEnv LANG LC_*', '    HashKnownHosts yes', '    GSSAPIAuthentication yes', '    IdentityFile ~/.ssh/id_ed25519'),
    silent: true,
  },
  {
    name: 'sshd_config naming host keys',
    path: '/etc/ssh/sshd_config',
    content: j(
      'HostKey /etc/ssh/ssh_host_rsa_key',
      'HostKey /etc/ssh/ssh_host_ed25519_key',
      'PasswordAuthentication no',
      'PermitRootLogin prohibit-password',
    ),
    silent: true,
  },
  {
    name: 'an encrypted Ansible vault file',
    path: '/app/ansible/group_vars/prod/vault.yml',
    content: j('$ANSIBLE_VAULT;1.1;AES256', ...wrapAt(body(A.hex, 640, 'r4-vault-file'), 80)),
    silent: true,
  },
  {
    name: '.travis.yml secure blobs',
    path: '/app/.travis.yml',
    content: j(
      'env:',
      '  global:',
      `    - secure: "${b64(bytes(256, 'r4-travis'))}"`,
      'deploy:',
      '  api_key:',
      `    secure: ${b64(bytes(256, 'r4-travis2'))}`,
    ),
    silent: true,
  },
  {
    name: 'wp-config-sample.php placeholders',
    path: '/var/www/html/wp-config-sample.php',
    content: j(
      '<?php',
      "define( 'DB_PASSWORD', 'password_here' );",
      "define( 'AUTH_KEY',         'put your unique phrase here' );",
      "define( 'SECURE_AUTH_KEY',  'put your unique phrase here' );",
    ),
    silent: true,
  },
  {
    name: 'wp-config.php reading the environment',
    path: '/var/www/html/wp-config.php',
    content: j(
      '<?php',
      "define( 'DB_PASSWORD', getenv_docker('WORDPRESS_DB_PASSWORD', 'example password') );",
      "define( 'AUTH_KEY', getenv_docker('WORDPRESS_AUTH_KEY', 'put your unique phrase here') );",
    ),
    silent: true,
  },
  {
    name: 'Django settings reading the environment',
    path: '/app/mysite/settings.py',
    content: j(
      "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']",
      "SECRET_KEY_FALLBACKS = [os.getenv('OLD_KEY', '')]",
      'PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]',
    ),
    silent: true,
  },
  {
    name: 'Rails secrets.yml with ERB',
    path: '/app/config/secrets.yml',
    content: j('production:', '  secret_key_base: <%= ENV["SECRET_KEY_BASE"] %>'),
    silent: true,
  },
  {
    name: 'Laravel .env.example',
    path: '/var/www/html/.env.example',
    content: j('APP_KEY=', 'DB_PASSWORD=secret', 'REDIS_PASSWORD=null'),
    silent: true,
  },
  {
    name: 'WildFly mgmt-users.properties as shipped (commented)',
    path: '/opt/jboss/wildfly/standalone/configuration/mgmt-users.properties',
    content: j(
      '#$REALM_NAME=ManagementRealm$',
      '#',
      '# By default the properties realm expects the entries to be in the format: -',
      "# username=HEX( MD5( username ':' realm ':' password))",
      '#',
      '#admin=2a0923285184943425d1f53ddd58ec7a',
    ),
    silent: true,
  },
  {
    name: 'tomcat-users.xml as shipped (comment with sample users)',
    path: '/usr/local/tomcat/conf/tomcat-users.xml',
    content: j(
      '<tomcat-users>',
      '<!--',
      '  <user username="admin" password="<must-be-changed>" roles="manager-gui"/>',
      '  <user username="robot" password="<must-be-changed>" roles="manager-script"/>',
      '-->',
      '</tomcat-users>',
    ),
    silent: true,
  },
  {
    name: 'redis.conf as shipped (requirepass commented)',
    path: '/etc/redis/redis.conf',
    content: j('# requirepass foobared', '# masterauth <master-password>', '# masteruser <username>', 'protected-mode yes'),
    silent: true,
  },
  {
    name: 'nuget.config with sources only',
    path: '/root/.nuget/NuGet/NuGet.Config',
    content: j(
      '<configuration>',
      '  <packageSources>',
      '    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />',
      '  </packageSources>',
      '</configuration>',
    ),
    silent: true,
  },
  {
    name: 'gh hosts.yml without a token (keyring)',
    path: '/root/.config/gh/hosts.yml',
    content: j('github.com:', '    git_protocol: https', '    user: ci-bot'),
    silent: true,
  },
  {
    name: 'WireGuard template',
    path: '/etc/wireguard/wg0.conf',
    content: j('[Interface]', 'PrivateKey = <client-private-key>', 'PostUp = wg set %i private-key /etc/wireguard/privatekey'),
    silent: true,
  },
  { name: 'WireGuard public key file', path: '/etc/wireguard/publickey', content: `${wgPeer}\n`, silent: true },
  {
    name: 'OpenVPN profile without keys',
    path: '/app/vpn/client.ovpn',
    content: j(
      'client',
      'dev tun',
      'remote vpn.corp.lan 1194',
      'auth-user-pass',
      '<ca>',
      pemOf('CERTIFICATE', certDer('r4-ovpn-ca')).trimEnd(),
      '</ca>',
    ),
    silent: true,
  },
  { name: 'age public recipients file', path: '/app/.sops/recipients.txt', content: j(`# ops team`, agePublic), silent: true },
  {
    name: 'bash history without secrets',
    path: '/root/.bash_history',
    content: j(
      'apt-get update',
      'export PATH=$PATH:/usr/local/go/bin',
      'mysql -u root -p',
      'export TOKEN=$(cat /run/secrets/token)',
      'curl -u "$USER:$PASS" https://nexus.corp.lan/',
    ),
    silent: true,
  },
  {
    name: 'CSV with a password-policy column',
    path: '/srv/export/policy.csv',
    content: j('user,password_last_changed,password_expires', 'alice,2024-01-10,2024-04-10'),
    silent: true,
  },
  {
    name: 'Makefile passing a variable through',
    path: '/app/Makefile',
    content: j(
      'DB_PASSWORD ?= $(shell cat .secrets/db)',
      'TOKEN := ${CI_JOB_TOKEN}',
      'login:',
      '\tdocker login -u ci -p $(REGISTRY_TOKEN) registry.corp.lan',
    ),
    silent: true,
  },
  {
    name: 'Terraform variable reference',
    path: '/app/infra/main.tf',
    content: j('resource "aws_db_instance" "orders" {', '  password = var.db_password', '  manage_master_user_password = true', '}'),
    silent: true,
  },
  {
    name: 'docs: a README with a placeholder key',
    path: '/app/README.md',
    content: j('```ini', '[Interface]', 'PrivateKey = <your private key>', '```', 'Set `DB_PASSWORD=changeme` in `.env`.'),
    silent: true,
  },
  {
    name: 'Jenkins config.xml without credentials',
    path: '/var/jenkins_home/config.xml',
    content: j(
      "<?xml version='1.1' encoding='UTF-8'?>",
      '<hudson>',
      '  <useSecurity>true</useSecurity>',
      '  <securityRealm class="hudson.security.HudsonPrivateSecurityRealm"/>',
      '</hudson>',
    ),
    silent: true,
  },
];

// ---------------------------------------------------------------------------------------------
// Second pass of round four: the server and tool files an image built from a CI checkout or a
// distro package really carries.

const ghs = 'ghs_' + body(A.alnum, 36, 'r4b-ghs');
const snakeoil = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const gnupgKey = j(
  'Created: 20240312T100411',
  `Key: (private-key (rsa (n #00${body(A.hex, 256, 'r4b-gpg-n').toUpperCase()}#)(e #010001#)`,
  ` (d #${body(A.hex, 256, 'r4b-gpg-d').toUpperCase()}#)`,
  ` (p #00${body(A.hex, 128, 'r4b-gpg-p').toUpperCase()}#)))`,
);
const erlangCookie = body(A.letters.toUpperCase().slice(0, 26), 20, 'r4b-erlang');

const POSITIVES_B: Draft[] = [
  {
    name: 'Debian ssl-cert snakeoil key copied out of its place',
    path: '/etc/ssl/private/ssl-cert-snakeoil.key',
    content: snakeoil,
    secret: '',
  },
  {
    name: '.git/config with the extraheader actions/checkout persists',
    path: '/app/.git/config',
    content: j('[core]', '	bare = false', '[http "https://github.com/"]', `	extraheader = AUTHORIZATION: basic ${b64('x-access-token:' + ghs)}`),
    secret: b64('x-access-token:' + ghs),
  },
  {
    name: '.gitconfig with a bearer extraheader',
    path: '/root/.gitconfig',
    content: j('[user]', '	name = CI', '[http]', `	extraHeader = Authorization: Bearer ${r4('git-bearer')}${body(A.alnum, 12, 'r4b-gb')}`),
    secret: `${r4('git-bearer')}${body(A.alnum, 12, 'r4b-gb')}`,
  },
  {
    name: 'git-credential-store at its XDG path',
    path: '/root/.config/git/credentials',
    content: j(`https://ci:${r4('git-xdg')}@git.corp.lan`),
    secret: r4('git-xdg'),
  },
  {
    name: 'GnuPG private-keys-v1.d key (extended format, unprotected)',
    path: '/root/.gnupg/private-keys-v1.d/0A1B2C3D4E5F60718293A4B5C6D7E8F901234567.key',
    content: gnupgKey,
    secret: '',
  },
  { name: 'RabbitMQ .erlang.cookie', path: '/var/lib/rabbitmq/.erlang.cookie', content: erlangCookie, secret: erlangCookie },
  {
    name: 'postfix sasl_passwd',
    path: '/etc/postfix/sasl_passwd',
    content: j(`[smtp.corp.lan]:587 relay@corp.lan:${r4('postfix')}`),
    secret: r4('postfix'),
  },
  {
    name: 'exim4 passwd.client',
    path: '/etc/exim4/passwd.client',
    content: j('# password file used when the local exim is authenticating to a remote host', `*.corp.lan:relay:${r4('exim')}`),
    secret: r4('exim'),
  },
  {
    name: 'msmtprc',
    path: '/etc/msmtprc',
    content: j('defaults', 'auth on', 'account corp', 'host smtp.corp.lan', 'user relay', `password ${r4('msmtp')}`, 'account default : corp'),
    secret: r4('msmtp'),
  },
  {
    name: 'Bundler config with a gem server credential',
    path: '/usr/local/bundle/config',
    content: j('---', 'BUNDLE_PATH: "/usr/local/bundle"', `BUNDLE_GEMS__CORP__LAN: "ci:${r4('bundler')}"`),
    secret: r4('bundler'),
  },
  { name: 'Ansible vault password file', path: '/app/ansible/.vault_pass', content: `${r4('vault-pass')}\n`, secret: r4('vault-pass') },
  {
    name: 'pgbouncer userlist.txt',
    path: '/etc/pgbouncer/userlist.txt',
    content: j(`"orders" "${r4('pgbouncer')}"`, '"stats" "md5' + body(A.hex, 32, 'r4b-pgb-md5') + '"'),
    secret: r4('pgbouncer'),
  },
  {
    name: 'Drupal settings.php hash_salt and database password',
    path: '/var/www/html/sites/default/settings.php',
    content: j(
      '<?php',
      "$databases['default']['default'] = [",
      "  'database' => 'drupal',",
      "  'username' => 'drupal',",
      `  'password' => '${r4('drupal')}',`,
      '];',
      `$settings['hash_salt'] = '${body(A.urlSafe, 55, 'r4b-drupal-salt')}';`,
    ),
    secret: r4('drupal'),
  },
  {
    name: 'Joomla configuration.php',
    path: '/var/www/html/configuration.php',
    content: j(
      '<?php',
      'class JConfig {',
      "\tpublic $user = 'joomla';",
      `\tpublic $password = '${r4('joomla')}';`,
      `\tpublic $secret = '${body(A.alnum, 16, 'r4b-joomla-secret')}';`,
      '}',
    ),
    secret: r4('joomla'),
  },
  {
    name: 'Magento app/etc/env.php crypt key',
    path: '/var/www/html/app/etc/env.php',
    content: j('<?php', 'return [', "    'crypt' => [", `        'key' => '${body(A.hex, 32, 'r4b-magento')}'`, '    ],', '];'),
    secret: body(A.hex, 32, 'r4b-magento'),
  },
  {
    name: 'phpMyAdmin config.inc.php',
    path: '/etc/phpmyadmin/config.inc.php',
    content: j(
      '<?php',
      `$cfg['blowfish_secret'] = '${body(A.alnum, 32, 'r4b-pma')}';`,
      "$cfg['Servers'][$i]['user'] = 'root';",
      `$cfg['Servers'][$i]['password'] = '${r4('pma')}';`,
    ),
    secret: r4('pma'),
  },
  {
    name: 'airflow.cfg fernet key and connection',
    path: '/opt/airflow/airflow.cfg',
    content: j(
      '[core]',
      `fernet_key = ${b64(bytes(32, 'r4b-fernet')).replace(/\+/g, '-').replace(/\//g, '_')}`,
      '[database]',
      `sql_alchemy_conn = postgresql+psycopg2://airflow:${r4('airflow')}@db/airflow`,
    ),
    secret: r4('airflow'),
  },
  {
    name: 'Hibernate hibernate.cfg.xml',
    path: '/app/WEB-INF/classes/hibernate.cfg.xml',
    content: j(
      '<hibernate-configuration>',
      '  <session-factory>',
      '    <property name="connection.username">app</property>',
      `    <property name="connection.password">${r4('hibernate')}</property>`,
      '  </session-factory>',
      '</hibernate-configuration>',
    ),
    secret: r4('hibernate'),
  },
  {
    name: 'JPA persistence.xml',
    path: '/app/WEB-INF/classes/META-INF/persistence.xml',
    content: j(
      '<persistence-unit name="app">',
      '  <properties>',
      `    <property name="jakarta.persistence.jdbc.password" value="${r4('jpa')}"/>`,
      '  </properties>',
      '</persistence-unit>',
    ),
    secret: r4('jpa'),
  },
  {
    name: 'Tomcat server.xml keystorePass',
    path: '/usr/local/tomcat/conf/server.xml',
    content: j(
      '<Connector port="8443" protocol="org.apache.coyote.http11.Http11NioProtocol" SSLEnabled="true"',
      `           keystoreFile="conf/.keystore" keystorePass="${r4('keystorepass')}" />`,
    ),
    secret: r4('keystorepass'),
  },
  {
    name: 'grafana.ini admin password',
    path: '/etc/grafana/grafana.ini',
    content: j('[security]', `admin_password = ${r4('grafana')}`),
    secret: r4('grafana'),
  },
  {
    name: 'Subversion svn.simple auth cache',
    path: '/root/.subversion/auth/svn.simple/5f2ba0c2d8f2d3e1a6b7c8d9e0f1a2b3',
    content: j(
      'K 8',
      'passtype',
      'V 6',
      'simple',
      'K 8',
      'password',
      `V ${r4('svn').length}`,
      r4('svn'),
      'K 15',
      'svn:realmstring',
      'V 30',
      '<https://svn.corp.lan:443> SVN',
      'END',
    ),
    secret: r4('svn'),
  },
  {
    name: 'apt auth.conf.d entry',
    path: '/etc/apt/auth.conf.d/corp.conf',
    content: j(`machine apt.corp.lan login ci password ${r4('apt')}`),
    secret: r4('apt'),
  },
  {
    name: 'CIFS credentials file',
    path: '/root/.smbcredentials',
    content: j('username=backup', `password=${r4('smb')}`, 'domain=CORP'),
    secret: r4('smb'),
  },
  {
    name: 'fstab cifs mount with a password',
    path: '/etc/fstab',
    content: j('proc /proc proc defaults 0 0', `//nas.corp.lan/backup /mnt/backup cifs username=backup,password=${r4('fstab')},uid=1000 0 0`),
    secret: r4('fstab'),
  },
  { name: 'strongSwan ipsec.secrets PSK', path: '/etc/ipsec.secrets', content: j('# ipsec.secrets', `: PSK "${r4('ipsec')}"`), secret: r4('ipsec') },
  {
    name: 'PPP chap-secrets',
    path: '/etc/ppp/chap-secrets',
    content: j('# client\tserver\tsecret\tIP addresses', `vpnuser\t*\t${r4('chap')}\t*`),
    secret: r4('chap'),
  },
  {
    name: 'Poetry auth.toml',
    path: '/root/.config/pypoetry/auth.toml',
    content: j('[http-basic.corp]', 'username = "ci"', `password = "${r4('poetry')}"`),
    secret: r4('poetry'),
  },
  {
    name: 'bunfig.toml scoped registry token',
    path: '/app/bunfig.toml',
    content: j('[install.scopes]', `corp = { token = "${r4('bun')}", url = "https://npm.corp.lan/" }`),
    secret: r4('bun'),
  },
  {
    name: 'terraformrc credentials block',
    path: '/root/.terraformrc',
    content: j('credentials "app.terraform.io" {', `  token = "${body(A.alnum, 14, 'r4b-tfrc')}.atlasv1.${body(A.alnum, 67, 'r4b-tfrc2')}"`, '}'),
    secret: `${body(A.alnum, 14, 'r4b-tfrc')}.atlasv1.${body(A.alnum, 67, 'r4b-tfrc2')}`,
  },
  {
    name: 'kaggle.json',
    path: '/root/.kaggle/kaggle.json',
    content: `{"username":"ci-bot","key":"${body(A.hex, 32, 'r4b-kaggle')}"}`,
    secret: body(A.hex, 32, 'r4b-kaggle'),
  },
  {
    name: 'rclone obscured pass',
    path: '/root/.config/rclone/rclone.conf',
    content: j('[sftp-backup]', 'type = sftp', 'host = backup.corp.lan', 'user = backup', `pass = ${body(A.urlSafe, 30, 'r4b-rclone')}`),
    secret: body(A.urlSafe, 30, 'r4b-rclone'),
  },
  {
    name: 'Jupyter server token',
    path: '/root/.jupyter/jupyter_server_config.py',
    content: j(`c.ServerApp.token = '${body(A.hex, 48, 'r4b-jupyter')}'`),
    secret: body(A.hex, 48, 'r4b-jupyter'),
  },
];

const NEGATIVES_B: Draft[] = [
  {
    name: 'grafana.ini defaults',
    path: '/usr/share/grafana/conf/defaults.ini',
    content: j('[security]', 'admin_user = admin', 'admin_password = admin', 'secret_key = SW2YcwTIb9zpOOhoPsMm'),
    silent: true,
  },
  {
    name: 'postfix main.cf pointing at the map',
    path: '/etc/postfix/main.cf',
    content: j('smtp_sasl_auth_enable = yes', 'smtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd', 'smtp_sasl_security_options = noanonymous'),
    silent: true,
  },
  {
    name: 'exim4 passwd.client as shipped',
    path: '/etc/exim4/passwd.client',
    content: j('# password file used when the local exim is authenticating to a remote host', '### target.mail.server.example:login:password'),
    silent: true,
  },
  {
    name: 'fstab with a credentials file',
    path: '/etc/fstab',
    content: j('//nas.corp.lan/backup /mnt/backup cifs credentials=/root/.smbcredentials,uid=1000 0 0'),
    silent: true,
  },
  {
    name: 'git config without credentials',
    path: '/app/.git/config',
    content: j(
      '[core]',
      '	repositoryformatversion = 0',
      '[remote "origin"]',
      '	url = https://github.com/corp/app.git',
      '[credential]',
      '	helper = store',
    ),
    silent: true,
  },
  {
    name: 'Bundler config without credentials',
    path: '/usr/local/bundle/config',
    content: j('---', 'BUNDLE_APP_CONFIG: "/usr/local/bundle"', 'BUNDLE_SILENCE_ROOT_WARNING: "1"'),
    silent: true,
  },
  {
    name: 'pgbouncer userlist with hashes only',
    path: '/etc/pgbouncer/userlist.txt',
    content: j(
      '"stats" "md5' + body(A.hex, 32, 'r4b-pgb-neg') + '"',
      '"app" "SCRAM-SHA-256$4096:' + b64(bytes(16, 'r4b-scram')) + '$' + b64(bytes(32, 'r4b-scram2')) + ':' + b64(bytes(32, 'r4b-scram3')) + '"',
    ),
    silent: true,
  },
  {
    name: 'GnuPG public keyring export',
    path: '/usr/share/keyrings/corp.asc',
    content: j('-----BEGIN PGP PUBLIC KEY BLOCK-----', '', ...wrapAt(b64(bytes(600, 'r4b-pgp-pub')), 64), '-----END PGP PUBLIC KEY BLOCK-----'),
    silent: true,
  },
  {
    name: 'Drupal default.settings.php',
    path: '/var/www/html/sites/default/default.settings.php',
    content: j('<?php', "$settings['hash_salt'] = '';", " *   'password' => 'sqlpassword',"),
    silent: true,
  },
  {
    name: 'ssl-cert snakeoil certificate',
    path: '/etc/ssl/certs/ssl-cert-snakeoil.pem',
    content: pemOf('CERTIFICATE', certDer('r4b-snakeoil')),
    silent: true,
  },
];

export const ROUND_FOUR_POSITIVES: Draft[] = [...POSITIVES, ...POSITIVES_B];
export const ROUND_FOUR_NEGATIVES: Draft[] = [...NEGATIVES, ...NEGATIVES_B];
