// Structured config files: secret-named key paths in YAML, JSON, XML, INI/TOML/.properties, shell
// and Dockerfiles; connection strings; credential files recognised by their content.
import { describe, expect, it } from 'vitest';
import { fake, scanFile } from './fixtures.js';

const pw = 'Zt8q-' + 'Rk4Lm9Wx2';
const found = (path: string, text: string): string[][] => scanFile(path, text).map((m) => [m.kind, String(m.line), m.secret]);
const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('structured config: key paths', () => {
  it('YAML: nested keys (Spring application.yml), quoted and commented values, parents that name the secret', () => {
    const yml = [
      'spring:',
      '  datasource:',
      '    url: jdbc:postgresql://db/app',
      `    password: "${pw}" # prod`,
      'api:',
      '  key: ' + pw + 'k',
      'server:',
      '  port: 8080',
    ].join('\n');
    expect(found('/app/config/application.yml', yml)).toEqual([
      ['secret-config-value', '4', pw],
      ['secret-config-value', '6', pw + 'k'],
    ]);
  });

  it('YAML near misses: references, placeholders, encrypted values, labels, descriptive keys, block scalars', () => {
    const yml = [
      'db:',
      '  password: ${DB_PASSWORD}',
      '  password_file: /run/secrets/db',
      '  token: "{{ vault_token }}"',
      '  secret: changeme',
      '  apiKey: <your-key>',
      '  client_secret: ENC[AES256_GCM,data:abc]',
      '  passwordLabel: Password',
      '  private_key: |',
      '  access_key: xxxxxxxx',
      '  credentials: "%(creds)s"',
      '  auth_token: $TOKEN',
      '  keyboard: qwertzuiop',
    ].join('\n');
    expect(found('/app/config.yaml', yml)).toEqual([]);
  });

  it('a provider format in a secret-named value reports the format', () => {
    expect(scanFile('/app/config.yml', `github:\n  token: ${fake.github()}\n`).map((m) => m.kind)).toEqual(['github-token']);
  });

  it('JSON: key paths across lines and on one line, arrays, host keys under a secret-named parent', () => {
    const json = `{\n  "database": {\n    "host": "db",\n    "password": "${pw}"\n  },\n  "tokens": {"github.com": "${pw}2"},\n  "secrets": ["${pw}3"]\n}\n`;
    expect(found('/app/settings.json', json)).toEqual([
      ['secret-config-value', '4', pw],
      ['secret-config-value', '6', pw + '2'],
      ['secret-config-value', '7', pw + '3'],
    ]);
    expect(found('/app/min.json', `{"db":{"password":"${pw}","user":"app"},"n":1}`)).toEqual([['secret-config-value', '1', pw]]);
  });

  it('JSON near misses: non-strings, placeholders, lock files, labels', () => {
    expect(found('/app/a.json', '{"password": null, "token": true, "secret": 12, "apiKey": "", "passwordHint": "at least 8 characters"}')).toEqual(
      [],
    );
    expect(found('/app/package-lock.json', `{"packages": {"": {"token": "${pw}"}}}`)).toEqual([]);
    expect(found('/app/node_modules/.package-lock.json', `{"packages": {"": {"token": "${pw}"}}}`)).toEqual([]);
    expect(
      found('/app/package.json', '{\n  "dependencies": {\n    "@aws-sdk/client-secrets-manager": "^3.946.0",\n    "auth-lib": "~1.2.x"\n  }\n}\n'),
    ).toEqual([]);
  });

  it('XML: elements, .NET appSettings and Spring properties, attributes; not comments', () => {
    const xml = [
      '<configuration>',
      '  <appSettings>',
      `    <add key="StripeSecretKey" value="${pw}1"/>`,
      '    <add key="Theme" value="dark"/>',
      '  </appSettings>',
      `  <bean><property name="password" value="${pw}2"/></bean>`,
      `  <db password="${pw}3"/>`,
      '  <!-- <password>commented-out-1</password> -->',
      `  <jdbc><password>${pw}4</password></jdbc>`,
      '  <password>${env.PASSWORD}</password>',
      `  <property name="connection.password">${pw}5</property>`,
      '  <property name="connection.username">app-user-name-01</property>',
      '  <property key="api.token">',
      `    ${pw}6`,
      '  </property>',
      '</configuration>',
    ].join('\n');
    expect(found('/app/web.config', xml).map(([kind, line]) => [kind, line])).toEqual([
      ['secret-config-value', '3'],
      ['secret-config-value', '6'],
      ['secret-config-value', '7'],
      ['secret-config-value', '9'],
      ['secret-config-value', '11'],
      ['secret-config-value', '14'],
    ]);
  });

  it('INI, TOML and .properties: sections, dotted keys, comments', () => {
    expect(found('/etc/app/app.ini', `[database]\nuser = app\npassword = ${pw} ; prod\n# password = old\n`)).toEqual([
      ['secret-config-value', '3', pw],
    ]);
    expect(found('/app/config.toml', `[api]\nkey = "${pw}"\nurl = "https://api.lan"\n`)).toEqual([['secret-config-value', '2', pw]]);
    expect(found('/app/application.properties', `spring.datasource.password=${pw}\nspring.datasource.username=app\nspring.mail.password=\n`)).toEqual(
      [['secret-config-value', '1', pw]],
    );
    expect(found('/app/app.properties', 'app.password=${APP_PASSWORD}\nlogin.password.label=Password\n')).toEqual([]);
    expect(found('/etc/nsswitch.conf', 'passwd:         files\nshadow:         files systemd\n')).toEqual([]);
  });

  it('shell export and assignments, Dockerfile ENV and ARG', () => {
    expect(found('/app/start.sh', `#!/bin/sh\nexport DB_PASSWORD="${pw}"\nAPI_TOKEN=${pw}x ./run\nPASSWORD="$1"\n# export SECRET=${pw}\n`)).toEqual([
      ['secret-config-value', '2', pw],
      ['secret-config-value', '3', pw + 'x'],
    ]);
    expect(found('/src/app/Dockerfile', `FROM x\nENV API_KEY=${pw} MODE=prod\nARG NPM_TOKEN\nENV DB_PASSWORD ${pw}2\nARG TOKEN=\${TOKEN}\n`)).toEqual(
      [
        ['secret-config-value', '2', pw],
        ['secret-config-value', '4', pw + '2'],
      ],
    );
  });

  it('Dockerfile instructions continued over lines with a backslash', () => {
    const dockerfile = [
      'FROM x',
      'RUN set -e; \\',
      '    deploy-tool push \\',
      '    # the registry login',
      `      --password=${pw}r \\`,
      '      --verbose',
      'ENV MODE=prod \\',
      `    DB_PASSWORD=${pw}e`,
      'RUN echo done \\',
      '    --password-stdin < /run/secrets/pw',
      `LABEL note="--password=${pw}l"`,
    ].join('\n');
    expect(found('/src/app/Dockerfile', dockerfile)).toEqual([
      ['secret-config-value', '5', pw + 'r'],
      ['secret-config-value', '8', pw + 'e'],
    ]);
  });
});

describe('connection strings', () => {
  it('JDBC, ADO.NET/ODBC and Service Bus strings in any file', () => {
    expect(found('/app/notes.txt', `jdbc:mysql://db.lan:3306/app?user=svc&password=${pw}&useSSL=true`)).toEqual([
      ['connection-string-password', '1', pw],
    ]);
    expect(found('/app/appsettings.txt', `Server=tcp:db.lan,1433;Initial Catalog=app;User ID=svc;Password=${pw};`)).toEqual([
      ['connection-string-password', '1', pw],
    ]);
    expect(found('/app/odbc.txt', `DRIVER={ODBC Driver 18};SERVER=db;UID=svc;PWD={${pw};x}`)).toEqual([
      ['connection-string-password', '1', `${pw};x`],
    ]);
  });

  it('near misses: templates, placeholders, a lone password= without a connection string', () => {
    expect(
      found('/app/a.txt', 'Server={0};Database={1};User Id={2};Password={3};\nServer=db;User ID=sa;Password=<password>;\nchange?password=1\n'),
    ).toEqual([]);
  });
});

describe('credential files recognised by content', () => {
  it('a Kubernetes Secret: decoded data, stringData, a .dockerconfigjson login, whatever the key order', () => {
    const docker = b64(JSON.stringify({ auths: { 'registry.lan': { auth: b64('ci:' + pw) } } }));
    const manifest = [
      'apiVersion: v1',
      'data:',
      `  DB_PASSWORD: ${b64(pw)}`,
      `  .dockerconfigjson: ${docker}`,
      `  ca.crt: ${b64('-----BEGIN CERTIFICATE-----')}`,
      'kind: Secret',
      'stringData:',
      `  api-token: ${pw}s`,
      '---',
      'kind: ConfigMap',
      'data:',
      `  note: ${b64('hello-world')}`,
    ].join('\n');
    expect(scanFile('/app/deploy/secrets.yaml', manifest).map((m) => [m.kind, m.line])).toEqual([
      ['kubernetes-secret-data', 3],
      ['docker-config-auth', 4],
      ['kubernetes-secret-data', 8],
    ]);
  });

  it('a Kubernetes Secret whose values are block scalars (`|`, `>-`), base64 wrapped over lines', () => {
    const docker = b64(JSON.stringify({ auths: { 'registry.lan': { auth: b64('ci:' + pw) } } }));
    const wrapped = (text: string) => text.match(/.{1,20}/g)!.map((part) => `    ${part}`);
    const manifest = [
      'apiVersion: v1',
      'kind: Secret',
      'data:',
      '  .dockercfg: |',
      ...wrapped(docker),
      '  DB_PASSWORD: >-',
      ...wrapped(b64(pw)),
      '',
      'stringData:',
      '  config.ini: |',
      '    [db]',
      `    password = ${pw}x`,
      'type: Opaque',
      '---',
      'kind: ConfigMap',
      'data:',
      '  note: |',
      ...wrapped(b64('hello-world-hello-world')),
    ].join('\n');
    expect(scanFile('/srv/deploy/registry-secret.yaml', manifest).map((m) => [m.kind, m.line])).toEqual([
      ['docker-config-auth', 5],
      ['kubernetes-secret-data', 11], // the decoded value; the YAML reader also reports the base64 under its secret-named key
      ['secret-config-value', 11],
      ['secret-config-value', 15], // inside the INI file the block holds, read by its file name
    ]);
  });

  it('kubeconfig, Maven settings-security and netrc outside their usual places', () => {
    const kube = [
      'apiVersion: v1',
      'clusters:',
      '- cluster:',
      '    server: https://k8s.lan',
      'kind: Config',
      'users:',
      '- name: ci',
      '  user:',
      `    token: ${pw}`,
    ].join('\n');
    expect(scanFile('/srv/ci/cluster.yml', kube).map((m) => m.kind)).toEqual(['kubeconfig-credential']);
    expect(
      scanFile('/srv/m2/settings-security.xml', `<settingsSecurity><master>{${b64(pw)}}</master></settingsSecurity>`).map((m) => m.kind),
    ).toEqual(['maven-master-password']);
    expect(scanFile('/srv/ci/netrc-copy', `machine git.lan login ci password ${pw}\n`).map((m) => m.kind)).toEqual(['netrc-password']);
    expect(scanFile('/srv/ci/notes', 'the machine learning team\nmachine room password policy\n')).toEqual([]);
  });

  it('Composer auth.json, gcloud credentials and MySQL option files by content', () => {
    expect(
      scanFile('/app/auth.json', `{"http-basic": {"repo.packagist.com": {"username": "token", "password": "${pw}"}}}`).map((m) => m.kind),
    ).toEqual(['composer-auth']);
    expect(
      scanFile('/app/adc.json', `{"type": "authorized_user", "client_secret": "${pw}", "refresh_token": "1//${pw}"}`).map((m) => m.kind),
    ).toEqual(['gcloud-user-credentials', 'gcloud-user-credentials']);
    expect(scanFile('/etc/mysql/conf.d/backup.cnf', `[client]\npassword=${pw}\n`).map((m) => m.kind)).toEqual(['mysql-option-password']);
  });
});
