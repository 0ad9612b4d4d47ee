// Credential files found by content alone, at paths that name no format: a hand-copied .npmrc in a
// build folder, a Docker config in a CI directory, a kubeconfig named admin.yaml. Values are
// generated (gen.ts); none is a real credential.
import { pemKey } from '../fixtures.js';
import type { Cases } from './cases.js';
import { alphabet as A, body, bytes } from './gen.js';
import { javaKeystore, pkcs12 } from './places-round-four.js';

const pw = (seed: string): string => 'Qw7v-' + body(A.alnum, 10, seed);
const b64 = (s: string): string => Buffer.from(s).toString('base64');

const npmPassword = pw('sniff-npmrc');
const pypiPassword = pw('sniff-pypirc');
const netrcPassword = pw('sniff-netrc');
const dockerAuth = b64('deploy:' + pw('sniff-docker'));
const kubeToken = body(A.urlSafe, 48, 'sniff-kube');
const mavenPassword = pw('sniff-maven');
const masterPassword = '{' + body(A.base64, 44, 'sniff-master') + '}';
const composerToken = pw('sniff-composer');
const mysqlPassword = pw('sniff-mysql');
const refreshToken = '1//' + body(A.urlSafe, 40, 'sniff-gcloud');
const pgPassword = pw('sniff-pgpass');
const railsKey = body(A.hex, 32, 'sniff-rails');
const s3fsSecret = body(A.base64, 40, 'sniff-s3fs');
const s3Secret = body(A.base64, 40, 'sniff-s3cmd');
const apr1 = '$apr1$' + body(A.alnum, 8, 'sniff-apr1-salt') + '$' + body(A.alnum + './', 22, 'sniff-apr1');

// Round four: server and application formats, project files and binary keystores.
const wgPublic = bytes(32, 'sniff-wg-public').toString('base64');
const wgPrivate = bytes(32, 'sniff-wg').toString('base64');
const wpPassword = pw('sniff-wp');
const tomcatPassword = pw('sniff-tomcat');
const wildflyHash = body(A.hex, 32, 'sniff-wildfly');
const jenkinsSecret = '{AQAAABAAAAAQ' + body(A.base64, 40, 'sniff-jenkins') + '=}';
const jenkinsMaster = body(A.hex, 256, 'sniff-jenkins-master');
// A token from before Vault 1.10 (s.…): today's hvs.… tokens are named by their own format.
const vaultToken = 's.' + body(A.alnum, 24, 'sniff-vault');
const redisPassword = pw('sniff-redis');
const hostKey = pemKey('sec1');
const csvPassword = pw('sniff-csv');
const makePassword = pw('sniff-make');
const djangoKey = body(A.lowerAlnum + '!@#%^&*(-_=+)', 50, 'sniff-django');
const sqlPasswordValue = pw('sniff-sql');
const latin1 = (b: Buffer): string => b.toString('latin1');
const p12 = pkcs12('shrouded', 'sniff-p12');
const p12Secret = (() => {
  const at = p12.indexOf(Buffer.from([0x06, 0x0b, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x02])) + 13;
  return p12.subarray(at, at + 48).toString('base64');
})();
const jks = javaKeystore([
  { tag: 2, alias: 'ca', seed: 'sniff-jks-ca' },
  { tag: 1, alias: 'server', seed: 'sniff-jks' },
]);
const jksSecret = (() => {
  // The key entry: tag, alias, timestamp, length, then the encrypted key.
  const at = jks.indexOf(Buffer.from('server', 'utf8')) + 6 + 8 + 4;
  return jks.subarray(at, at + 48).toString('base64');
})();

const ovpnStatic =
  ['-----BEGIN OpenVPN Static key V1-----', ...(body(A.hex, 512, 'sniff-ovpn').match(/.{32}/g) ?? []), '-----END OpenVPN Static key V1-----'].join(
    '\n',
  ) + '\n';

const ghsToken = 'ghs_' + body(A.alnum, 36, 'sniff-ghs');
const gitHeader = b64('x-access-token:' + ghsToken);
const gnupgD = body(A.hex, 128, 'sniff-gnupg').toUpperCase();
const cookie = body(A.upperAlnum.slice(0, 26), 20, 'sniff-erlang');
const mailPassword = pw('sniff-mail');
const gemPassword = pw('sniff-gem');
const vaultPass = pw('sniff-vault-pass');
const bouncerPassword = pw('sniff-pgbouncer');
const magentoKey = body(A.hex, 32, 'sniff-magento');
const svnPassword = pw('sniff-svn');
const fstabPassword = pw('sniff-fstab');
const psk = pw('sniff-psk');
const kaggleKey = body(A.hex, 32, 'sniff-kaggle');
const snakeoil = pemKey('pkcs8');

const keystorePass = pw('sniff-keystorepass');
const hibernatePassword = pw('sniff-hibernate');
const grafanaPassword = pw('sniff-grafana');

export const SNIFFED_CASES: Record<string, Cases> = {
  'tomcat-server-password': {
    positives: [
      {
        text: `<Server port="8005">\n  <Connector port="8443" SSLEnabled="true"\n             keystoreFile="conf/.keystore"\n             keystorePass="${keystorePass}" />\n</Server>\n`,
        secret: keystorePass,
        via: { file: '/usr/local/tomcat/conf/server.xml' },
      },
      {
        text: `<Connector port="8443"\n    truststorePass="${keystorePass}" />\n`,
        secret: keystorePass,
        via: { file: '/srv/tomcat/https-connector.xml' },
      },
    ],
    negatives: [
      {
        why: 'a reference and the JDK default',
        text: '<Server>\n  <Connector keystorePass="${keystore.password}"\n     truststorePass="changeit" />\n</Server>\n',
        via: { file: '/usr/local/tomcat/conf/server.xml' },
      },
    ],
  },
  'hibernate-config-password': {
    positives: [
      {
        text: `<hibernate-configuration>\n  <session-factory>\n    <property name="connection.password">${hibernatePassword}</property>\n  </session-factory>\n</hibernate-configuration>\n`,
        secret: hibernatePassword,
        via: { file: '/app/WEB-INF/classes/hibernate.cfg.xml' },
      },
      {
        text: `<hibernate-configuration>\n  <session-factory>\n    <property name="hibernate.connection.password">${hibernatePassword}</property>\n  </session-factory>\n</hibernate-configuration>\n`,
        secret: hibernatePassword,
        via: { file: '/app/config/orm-prod.xml' },
      },
    ],
    negatives: [
      {
        why: 'a property reference',
        text: '<hibernate-configuration>\n  <session-factory>\n    <property name="connection.password">${db.password}</property>\n  </session-factory>\n</hibernate-configuration>\n',
        via: { file: '/app/WEB-INF/classes/hibernate.cfg.xml' },
      },
    ],
  },
  'grafana-config-secret': {
    positives: [
      {
        text: `[security]\nadmin_user = ops\nadmin_password = ${grafanaPassword}\n`,
        secret: grafanaPassword,
        via: { file: '/etc/grafana/grafana.ini' },
      },
    ],
    negatives: [
      {
        why: 'the documented defaults',
        text: '[security]\nadmin_password = admin\nsecret_key = SW2YcwTIb9zpOOhoPsMm\n',
        via: { file: '/usr/share/grafana/conf/defaults.ini' },
      },
    ],
  },
  'snakeoil-private-key': {
    positives: [{ text: snakeoil, secret: '', via: { file: '/etc/ssl/private/ssl-cert-snakeoil.key' } }],
    negatives: [
      {
        why: 'its certificate',
        text: '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n',
        via: { file: '/etc/ssl/private/ssl-cert-snakeoil.key' },
      },
    ],
  },
  'git-config-auth-header': {
    positives: [
      {
        text: `[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${gitHeader}\n`,
        secret: gitHeader,
        via: { file: '/app/.git/config' },
      },
    ],
    negatives: [{ why: 'a header without credentials', text: '[http]\n\textraheader = X-Trace: on\n', via: { file: '/root/.gitconfig' } }],
  },
  'gnupg-private-key': {
    positives: [
      {
        text: `Created: 20240312T100411\nKey: (private-key (rsa (d #${gnupgD}#)))\n`,
        secret: `(rsa (d #${gnupgD}#)))`,
        via: { file: `/root/.gnupg/private-keys-v1.d/${body(A.hex, 40, 'sniff-keygrip').toUpperCase()}.key` },
      },
    ],
    negatives: [
      {
        why: 'a key on a smartcard (shadowed)',
        text: 'Key: (shadowed-private-key (rsa (n #00AB#)))\n',
        via: { file: `/root/.gnupg/private-keys-v1.d/${body(A.hex, 40, 'sniff-keygrip').toUpperCase()}.key` },
      },
    ],
  },
  'erlang-cookie': {
    positives: [{ text: cookie, secret: cookie, via: { file: '/var/lib/rabbitmq/.erlang.cookie' } }],
    negatives: [{ why: 'a placeholder', text: 'changeme\n', via: { file: '/var/lib/rabbitmq/.erlang.cookie' } }],
  },
  'mail-client-password': {
    positives: [
      { text: `[smtp.corp.lan]:587 relay@corp.lan:${mailPassword}\n`, secret: mailPassword, via: { file: '/etc/postfix/sasl_passwd' } },
      { text: `account corp\nhost smtp.corp.lan\npassword ${mailPassword}\n`, secret: mailPassword, via: { file: '/root/.msmtprc' } },
    ],
    negatives: [{ why: 'a password read by a command', text: 'account corp\npasswordeval "pass show smtp"\n', via: { file: '/root/.msmtprc' } }],
  },
  'bundler-credentials': {
    positives: [{ text: `---\nBUNDLE_GEMS__CORP__LAN: "ci:${gemPassword}"\n`, secret: gemPassword, via: { file: '/app/.bundle/config' } }],
    negatives: [
      { why: 'settings only', text: '---\nBUNDLE_PATH: "vendor/bundle"\nBUNDLE_WITHOUT: "development:test"\n', via: { file: '/app/.bundle/config' } },
    ],
  },
  'ansible-vault-password': {
    positives: [{ text: `${vaultPass}\n`, secret: vaultPass, via: { file: '/app/ansible/.vault_pass' } }],
    negatives: [{ why: 'a script that fetches it', text: '#!/bin/sh\nexec pass show ansible/vault\n', via: { file: '/app/ansible/.vault_pass' } }],
  },
  'pgbouncer-userlist-password': {
    positives: [{ text: `"orders" "${bouncerPassword}"\n`, secret: bouncerPassword, via: { file: '/etc/pgbouncer/userlist.txt' } }],
    negatives: [{ why: 'an md5 hash', text: `"orders" "md5${body(A.hex, 32, 'sniff-pgb-md5')}"\n`, via: { file: '/etc/pgbouncer/userlist.txt' } }],
  },
  'php-app-config-secret': {
    positives: [
      {
        text: `<?php\nreturn [\n    'crypt' => [\n        'key' => '${magentoKey}'\n    ],\n];\n`,
        secret: magentoKey,
        via: { file: '/var/www/html/app/etc/env.php' },
      },
    ],
    negatives: [
      { why: 'an empty password', text: "<?php\n$cfg['Servers'][$i]['password'] = '';\n", via: { file: '/etc/phpmyadmin/config.inc.php' } },
    ],
  },
  'svn-auth-cache-password': {
    positives: [
      {
        text: `K 8\npassword\nV ${svnPassword.length}\n${svnPassword}\nK 8\nusername\nV 2\nci\nEND\n`,
        secret: svnPassword,
        via: { file: '/root/.subversion/auth/svn.simple/0123abcd' },
      },
    ],
    negatives: [
      {
        why: 'no password key',
        text: 'K 8\npasstype\nV 7\nkeyring\nK 8\nusername\nV 2\nci\nEND\n',
        via: { file: '/root/.subversion/auth/svn.simple/0123abcd' },
      },
    ],
  },
  'fstab-mount-password': {
    positives: [
      { text: `//nas/backup /mnt/backup cifs username=b,password=${fstabPassword},uid=0 0 0\n`, secret: fstabPassword, via: { file: '/etc/fstab' } },
    ],
    negatives: [{ why: 'a credentials file', text: '//nas/backup /mnt/backup cifs credentials=/root/.smb,uid=0 0 0\n', via: { file: '/etc/fstab' } }],
  },
  'vpn-shared-secret': {
    positives: [
      { text: `: PSK "${psk}"\n`, secret: psk, via: { file: '/etc/ipsec.secrets' } },
      { text: `vpnuser * ${psk} *\n`, secret: psk, via: { file: '/etc/ppp/chap-secrets' } },
    ],
    negatives: [{ why: 'an RSA key reference', text: ': RSA /etc/ipsec.d/private/gw.pem\n', via: { file: '/etc/ipsec.secrets' } }],
  },
  'kaggle-api-key': {
    positives: [{ text: `{"username":"ci","key":"${kaggleKey}"}`, secret: kaggleKey, via: { file: '/root/.kaggle/kaggle.json' } }],
    negatives: [{ why: 'a placeholder', text: '{"username":"ci","key":"<your-kaggle-key>"}', via: { file: '/root/.kaggle/kaggle.json' } }],
  },
  'openvpn-static-key': {
    positives: [{ text: ovpnStatic, secret: '' }],
    negatives: [
      {
        why: 'a block too short to be a key',
        text: `-----BEGIN OpenVPN Static key V1-----\n${body(A.hex, 32, 'sniff-ovpn-short')}\n-----END OpenVPN Static key V1-----\n`,
      },
    ],
  },
  'wireguard-private-key': {
    positives: [
      { text: `[Interface]\nAddress = 10.8.0.2/24\nPrivateKey = ${wgPrivate}\n`, secret: wgPrivate, via: { file: '/etc/wireguard/wg0.conf' } },
      {
        text: `[Interface]\nPrivateKey=${wgPrivate}\n[Peer]\nEndpoint = vpn.corp.lan:51820\n`,
        secret: wgPrivate,
        via: { file: '/srv/vpn/office.conf' },
      },
      { text: `${wgPrivate}\n`, secret: wgPrivate, via: { file: '/etc/wireguard/privatekey' } },
    ],
    negatives: [
      {
        why: 'a peer public key and a key read from a file',
        text: `[Interface]\nPostUp = wg set %i private-key /etc/wireguard/privatekey\n[Peer]\nPublicKey = ${wgPublic}\n`,
        via: { file: '/etc/wireguard/wg0.conf' },
      },
    ],
  },
  'wordpress-config-secret': {
    positives: [{ text: `<?php\ndefine( 'DB_PASSWORD', '${wpPassword}' );\n`, secret: wpPassword, via: { file: '/var/www/html/wp-config.php' } }],
    negatives: [
      {
        why: "the sample's phrases",
        text: "<?php\ndefine( 'DB_PASSWORD', 'password_here' );\ndefine( 'AUTH_KEY', 'put your unique phrase here' );\n",
        via: { file: '/var/www/html/wp-config.php' },
      },
    ],
  },
  'tomcat-users-password': {
    positives: [
      {
        text: `<tomcat-users>\n  <user username="deploy" password="${tomcatPassword}" roles="manager-script"/>\n</tomcat-users>\n`,
        secret: tomcatPassword,
        via: { file: '/usr/local/tomcat/conf/tomcat-users.xml' },
      },
      {
        text: `<tomcat-users>\n  <user name="deploy"\n        password="${tomcatPassword}"\n        roles="manager-gui"/>\n</tomcat-users>\n`,
        secret: tomcatPassword,
        via: { file: '/srv/tomcat/users-prod.xml' },
      },
    ],
    negatives: [
      {
        why: 'commented sample users',
        text: '<tomcat-users>\n<!--\n  <user username="admin" password="<must-be-changed>" roles="manager-gui"/>\n-->\n</tomcat-users>\n',
        via: { file: '/usr/local/tomcat/conf/tomcat-users.xml' },
      },
    ],
  },
  'wildfly-user-hash': {
    positives: [
      {
        text: `#$REALM_NAME=ManagementRealm$\nadmin=${wildflyHash}\n`,
        secret: wildflyHash,
        via: { file: '/opt/jboss/wildfly/standalone/configuration/mgmt-users.properties' },
      },
      { text: `#$REALM_NAME=ApplicationRealm$\nappuser=${wildflyHash}\n`, secret: wildflyHash, via: { file: '/srv/wildfly/realm-users.properties' } },
    ],
    negatives: [
      {
        why: 'the commented sample',
        text: '#$REALM_NAME=ManagementRealm$\n#admin=2a0923285184943425d1f53ddd58ec7a\n',
        via: { file: '/opt/jboss/wildfly/standalone/configuration/mgmt-users.properties' },
      },
    ],
  },
  'jenkins-encrypted-secret': {
    positives: [
      {
        text: `<com.cloudbees.plugins.credentials.SystemCredentialsProvider>\n  <password>${jenkinsSecret}</password>\n`,
        secret: jenkinsSecret,
        via: { file: '/var/jenkins_home/credentials.xml' },
      },
      {
        text: `<com.cloudbees.plugins.credentials.SystemCredentialsProvider>\n  <secret>${jenkinsSecret}</secret>\n`,
        secret: jenkinsSecret,
        via: { file: '/srv/backup/jenkins-creds.xml' },
      },
    ],
    negatives: [
      {
        why: 'no credentials',
        text: '<com.cloudbees.plugins.credentials.SystemCredentialsProvider>\n  <domainCredentialsMap/>\n',
        via: { file: '/var/jenkins_home/credentials.xml' },
      },
    ],
  },
  'jenkins-master-key': {
    positives: [{ text: jenkinsMaster, secret: jenkinsMaster, via: { file: '/var/jenkins_home/secrets/master.key' } }],
    negatives: [{ why: 'not hex', text: 'replace me with the real key\n', via: { file: '/var/jenkins_home/secrets/master.key' } }],
  },
  'vault-token-file': {
    positives: [{ text: vaultToken, secret: vaultToken, via: { file: '/root/.vault-token' } }],
    negatives: [{ why: 'a placeholder', text: '<vault-token>\n', via: { file: '/root/.vault-token' } }],
  },
  'redis-config-password': {
    positives: [
      { text: `port 6379\nrequirepass ${redisPassword}\n`, secret: redisPassword, via: { file: '/etc/redis/redis.conf' } },
      { text: `replicaof primary 6379\nmasterauth "${redisPassword}"\n`, secret: redisPassword, via: { file: '/srv/cache/replica.conf' } },
    ],
    negatives: [
      { why: 'commented examples', text: '# requirepass foobared\n# masterauth <master-password>\n', via: { file: '/etc/redis/redis.conf' } },
    ],
  },
  'ssh-host-key': {
    positives: [{ text: hostKey, secret: '', via: { file: '/etc/ssh/ssh_host_ecdsa_key' } }],
    negatives: [
      {
        why: 'a certificate at a host key path',
        text: '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n',
        via: { file: '/etc/ssh/ssh_host_rsa_key' },
      },
    ],
  },
  'csv-password-column': {
    positives: [{ text: `user,password,email\nci,${csvPassword},ci@corp.lan\n`, secret: csvPassword, via: { file: '/srv/export/accounts.csv' } }],
    negatives: [
      {
        why: 'a column about the password',
        text: 'user,password_changed,password_expires\nci,2024-01-10,2024-04-10\n',
        via: { file: '/srv/export/accounts.csv' },
      },
    ],
  },
  'makefile-secret': {
    positives: [{ text: `APP := shop\nDB_PASSWORD := ${makePassword}\n`, secret: makePassword, via: { file: '/app/Makefile' } }],
    negatives: [
      {
        why: 'a variable expanded from the environment',
        text: 'DB_PASSWORD ?= $(shell cat .secrets/db)\nTOKEN := ${CI_JOB_TOKEN}\n',
        via: { file: '/app/Makefile' },
      },
    ],
  },
  'django-settings-secret-key': {
    positives: [{ text: `DEBUG = False\nSECRET_KEY = '${djangoKey}'\n`, secret: djangoKey, via: { file: '/app/mysite/settings.py' } }],
    negatives: [
      { why: 'read from the environment', text: "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n", via: { file: '/app/mysite/settings.py' } },
    ],
  },
  'sql-password': {
    positives: [
      {
        text: `CREATE USER 'app'@'%' IDENTIFIED BY '${sqlPasswordValue}';\n`,
        secret: sqlPasswordValue,
        via: { file: '/docker-entrypoint-initdb.d/01-users.sql' },
      },
      {
        text: `_HiStOrY_V2_\nALTER\\040USER\\040app\\040IDENTIFIED\\040BY\\040'${sqlPasswordValue}';\n`,
        secret: sqlPasswordValue,
        via: { file: '/root/.mysql_history' },
      },
    ],
    negatives: [
      {
        why: 'password hashes',
        text: "CREATE USER 'app'@'%' IDENTIFIED BY PASSWORD '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19';\nALTER ROLE app ENCRYPTED PASSWORD 'md5f1e2d3c4b5a69788796a5b4c3d2e1f00';\n",
        via: { file: '/docker-entrypoint-initdb.d/01-users.sql' },
      },
    ],
  },
  'pkcs12-private-key': {
    positives: [{ text: latin1(p12), secret: p12Secret, via: { file: '/opt/app/tls/server-identity' }, encoding: 'latin1' }],
    negatives: [
      {
        why: 'a truststore of certificates only',
        text: latin1(pkcs12('none', 'sniff-trust', 2)),
        via: { file: '/opt/app/conf/truststore.p12' },
        encoding: 'latin1',
      },
    ],
  },
  'java-keystore-private-key': {
    positives: [{ text: latin1(jks), secret: jksSecret, via: { file: '/opt/app/conf/server-store' }, encoding: 'latin1' }],
    negatives: [
      {
        why: 'cacerts: trusted certificates only',
        text: latin1(
          javaKeystore([
            { tag: 2, alias: 'debian:root.pem', seed: 'sniff-cacerts' },
            { tag: 2, alias: 'debian:other.pem', seed: 'sniff-cacerts2' },
          ]),
        ),
        via: { file: '/etc/ssl/certs/java/cacerts' },
        encoding: 'latin1',
      },
    ],
  },
  'npmrc-auth': {
    positives: [
      { text: `registry=https://npm.corp.lan/\n//npm.corp.lan/:_password=${npmPassword}\n`, secret: npmPassword, via: { file: '/srv/ci/npm-auth' } },
    ],
    negatives: [{ why: 'a registry line only', text: 'registry=https://npm.corp.lan/\nalways-auth=true\n', via: { file: '/srv/ci/npm-auth' } }],
  },
  'pypirc-password': {
    positives: [
      {
        text: `[distutils]\nindex-servers = corp\n\n[corp]\nrepository = https://pypi.corp.lan/\nusername = ci\npassword = ${pypiPassword}\n`,
        secret: pypiPassword,
        via: { file: '/srv/ci/upload.ini' },
      },
    ],
    negatives: [
      {
        why: 'no password',
        text: '[distutils]\nindex-servers = corp\n\n[corp]\nrepository = https://pypi.corp.lan/\n',
        via: { file: '/srv/ci/upload.ini' },
      },
    ],
  },
  'netrc-password': {
    positives: [
      { text: `machine git.corp.lan\n  login ci\n  password ${netrcPassword}\n`, secret: netrcPassword, via: { file: '/srv/ci/git-login' } },
    ],
    negatives: [{ why: 'a placeholder', text: 'machine git.corp.lan login ci password <password>\n', via: { file: '/srv/ci/git-login' } }],
  },
  'docker-config-auth': {
    positives: [
      {
        text: `{\n  "auths": {\n    "registry.corp.lan": {\n      "auth": "${dockerAuth}"\n    }\n  }\n}\n`,
        secret: dockerAuth,
        via: { file: '/srv/ci/registry.json' },
      },
    ],
    negatives: [
      {
        why: 'a credential helper only',
        text: '{\n  "auths": {\n    "registry.corp.lan": {}\n  },\n  "credHelpers": {"registry.corp.lan": "ecr-login"}\n}\n',
        via: { file: '/srv/ci/registry.json' },
      },
    ],
  },
  'kubeconfig-credential': {
    positives: [
      {
        text: [
          'apiVersion: v1',
          'kind: Config',
          'clusters:',
          '- name: prod',
          '  cluster:',
          '    server: https://k8s.corp.lan:6443',
          'users:',
          '- name: ci',
          '  user:',
          `    token: ${kubeToken}`,
        ].join('\n'),
        secret: kubeToken,
        via: { file: '/srv/deploy/prod-admin.yaml' },
      },
    ],
    negatives: [
      {
        why: 'an exec plugin instead of a token',
        text: ['apiVersion: v1', 'kind: Config', 'users:', '- name: ci', '  user:', '    exec:', '      command: aws'].join('\n'),
        via: { file: '/srv/deploy/prod-admin.yaml' },
      },
    ],
  },
  'maven-settings-password': {
    positives: [
      {
        text: [
          '<settings>',
          '  <servers>',
          '    <server>',
          '      <id>corp</id>',
          '      <username>ci</username>',
          `      <password>${mavenPassword}</password>`,
          '    </server>',
          '  </servers>',
          '</settings>',
        ].join('\n'),
        secret: mavenPassword,
        via: { file: '/srv/ci/maven-ci.xml' },
      },
    ],
    negatives: [
      {
        why: 'a reference',
        text: '<settings>\n  <servers>\n    <server>\n      <password>${env.MAVEN_PASSWORD}</password>\n    </server>\n  </servers>\n</settings>\n',
        via: { file: '/srv/ci/maven-ci.xml' },
      },
    ],
  },
  'maven-master-password': {
    positives: [
      {
        text: `<settingsSecurity>\n  <master>${masterPassword}</master>\n</settingsSecurity>\n`,
        secret: masterPassword,
        via: { file: '/srv/build/maven-master.xml' },
      },
    ],
    negatives: [
      { why: 'an empty master', text: '<settingsSecurity>\n  <master></master>\n</settingsSecurity>\n', via: { file: '/srv/build/security.xml' } },
    ],
  },
  'composer-auth': {
    positives: [
      {
        text: `{\n  "http-basic": {\n    "repo.corp.lan": {\n      "username": "ci",\n      "password": "${composerToken}"\n    }\n  }\n}\n`,
        secret: composerToken,
        via: { file: '/root/.composer/auth.json' },
      },
    ],
    negatives: [
      {
        why: 'a reference',
        text: '{"http-basic": {"repo.corp.lan": {"username": "ci", "password": "${COMPOSER_PASSWORD}"}}}\n',
        via: { file: '/srv/php/composer-auth.json' },
      },
    ],
  },
  'mysql-option-password': {
    positives: [{ text: `[client]\nuser = root\npassword = ${mysqlPassword}\n`, secret: mysqlPassword, via: { file: '/root/.my.cnf' } }],
    negatives: [{ why: 'no client section', text: '[mysqld]\ndatadir = /var/lib/mysql\n', via: { file: '/etc/mysql/conf.d/server.cnf' } }],
  },
  'gcloud-user-credentials': {
    positives: [
      {
        text: `{\n  "client_id": "32555940559.apps.googleusercontent.com",\n  "refresh_token": "${refreshToken}",\n  "type": "authorized_user"\n}\n`,
        secret: refreshToken,
        via: { file: '/srv/ci/gcp-user.json' },
      },
    ],
    negatives: [
      { why: 'a service account key reference', text: '{"type": "authorized_user", "refresh_token": ""}\n', via: { file: '/srv/ci/gcp-user.json' } },
    ],
  },
  'pgpass-password': {
    positives: [{ text: `# orders\ndb.internal:5432:orders:orders_rw:${pgPassword}\n`, secret: pgPassword, via: { file: '/srv/db/pgpass-prod' } }],
    negatives: [
      {
        why: '/etc/passwd lines, a MAC address and a time are not libpq entries',
        text: 'root:x:0:0:root:/root:/bin/bash\n00:1a:2b:3c:4d\nstarted 10:42:17:003:bootstrap\n',
        via: { file: '/srv/db/pgpass-prod' },
      },
    ],
  },
  'cloud-cli-credentials': {
    positives: [
      {
        text: `[default]\naccess_key = backup\nsecret_key = ${s3Secret}\nhost_base = s3.corp.lan\n`,
        secret: s3Secret,
        via: { file: '/srv/tools/s3-backup-creds' },
      },
    ],
    negatives: [
      { why: 'settings without a secret', text: '[default]\nregion = eu-west-1\noutput = json\n', via: { file: '/srv/tools/aws-profile' } },
    ],
  },
  'htpasswd-hash': {
    positives: [{ text: `admin:${apr1}\n`, secret: apr1, via: { file: '/etc/nginx/conf.d/users' } }],
    negatives: [
      {
        why: 'shadow lines (fields after the hash) and a bare crypt()-length string',
        text: `app:${apr1}:19700:0:99999:7:::\nbuild:Rt5Yu7Io9Pa1S\n`,
        via: { file: '/etc/nginx/conf.d/users' },
      },
    ],
  },
  'rails-master-key': {
    positives: [
      { text: `${railsKey}\n`, secret: railsKey, via: { file: '/app/config/master.key' } },
      { text: railsKey, secret: railsKey, via: { file: '/srv/app/config/credentials/production.key' } },
    ],
    negatives: [{ why: 'not 32 hex characters', text: 'replace-with-your-key\n', via: { file: '/app/config/master.key' } }],
  },
  's3fs-password': {
    positives: [
      { text: `backupuser:${s3fsSecret}\n`, secret: s3fsSecret, via: { file: '/etc/passwd-s3fs' } },
      { text: `# per bucket\nbackups:backupuser:${s3fsSecret}\n`, secret: s3fsSecret, via: { file: '/root/.passwd-s3fs' } },
    ],
    negatives: [
      { why: 'a comment and a placeholder', text: '# ACCESS_KEY_ID:SECRET_ACCESS_KEY\nbackupuser:changeme\n', via: { file: '/etc/passwd-s3fs' } },
    ],
  },
};
