// The shapes other scanners' test data gives credentials, with our own values. gitleaks generates
// every rule's true positives in a fixed list of assignments (INI quoted and bare, JSON and JSON
// escaped inside a string, XML elements on one line and on three, YAML plain, quoted, literal and
// folded, C#, Go, Java, Kotlin, PHP `.=`, Python, CSV, logstash `=>`, make's six operators), under
// keys built from an identifier (`{i}Token`, `{i}_token`, `{i}_TOKEN`); its generic rule adds keys
// such as `some_api_token_123`, `mySecretString`, `creds`, call defaults and UUID tokens, and its
// false positives are ids, names, versions, hashes, paths, alphabets and empty `.env` values.
// trivy's fixtures are quoted keys in .txt files. Each placement sits in a file of its language.
// The summary test prints recall and the false-positive rate (the figures the issue measures).
import { describe, expect, it } from 'vitest';
import { SECRET_FORMATS } from '../../../../src/secrets/catalogue.js';
import { scanValue, scanEnv } from '../../../../src/secrets/index.js';
import { CORPUS } from '../corpus/all.js';
import { alphabet as A, body, uuid } from '../corpus/gen.js';
import { scanFile } from '../fixtures.js';

/** gitleaks' sample placements: [name, file, template with {i} identifier and {s} secret]. */
const GITLEAKS: readonly [string, string, string][] = [
  ['ini quoted', '/app/config/app.ini', '{i}Token="{s}"'],
  ['ini quoted, spaced', '/app/config/app.ini', '{i}Token = "{s}"'],
  ['ini bare', '/app/config/app.ini', '{i}Token={s}'],
  ['ini bare, spaced', '/app/config/app.ini', '{i}Token = {s}'],
  ['.env bare', '/app/.env', '{I}_TOKEN={s}'],
  ['properties', '/app/config/application.properties', '{i}.token={s}'],
  ['JSON', '/app/config/app.json', '{\n    "{i}_token": "{s}"\n}'],
  ['JSON escaped in a string', '/app/config/app.json', '\\{\n    \\"{i}_token\\": \\"{s}\\"\n\\}'],
  ['XML element', '/app/config/app.xml', '<{i}Token>{s}</{i}Token>'],
  ['XML element, multiline', '/app/config/app.xml', '<{i}Token>\n    {s}\n</{i}Token>'],
  ['YAML plain', '/app/config/app.yaml', '{i}_token: {s}'],
  ['YAML single-quoted', '/app/config/app.yaml', "{i}_token: '{s}'"],
  ['YAML double-quoted', '/app/config/app.yaml', '{i}_token: "{s}"'],
  ['YAML literal', '/app/config/app.yaml', '{i}_token: |\n  {s}'],
  ['YAML folded', '/app/config/app.yaml', '{i}_token: >\n  {s}'],
  ['C#', '/app/src/App.cs', 'string {i}Token = "{s}";'],
  ['Go var', '/app/main.go', 'var {i}Token string = "{s}"'],
  ['Go short', '/app/main.go', '{i}Token := "{s}"'],
  ['Go backticks', '/app/main.go', '{i}Token := `{s}`'],
  ['Java', '/app/src/App.java', 'String {i}Token = "{s}";'],
  ['Kotlin', '/app/src/App.kt', 'var {i}Token = "{s}"'],
  ['Kotlin typed', '/app/src/App.kt', 'var {i}Token: String = "{s}"'],
  ['PHP concat', '/app/index.php', '${i}Token .= "{s}"'],
  ['PHP null coalesce', '/app/index.php', '${i}Token ??= "{s}"'],
  ['Python single', '/app/settings.py', "{i}Token = '{s}'"],
  ['Python double', '/app/settings.py', '{i}Token = "{s}"'],
  ['CSV', '/app/data/export.csv', '{i}Token,{s},'],
  ['logstash', '/app/pipeline/logstash.conf', '  "{i}Token" => "{s}"'],
  ['make recursive', '/app/Makefile', '{I}_TOKEN = "{s}"'],
  ['make simple', '/app/Makefile', '{I}_TOKEN := "{s}"'],
  ['make shell', '/app/Makefile', '{I}_TOKEN ::= "{s}"'],
  ['make evaluated', '/app/Makefile', '{I}_TOKEN :::= "{s}"'],
  ['make conditional', '/app/Makefile', '{I}_TOKEN ?= "{s}"'],
  ['make append', '/app/Makefile', '{I}_TOKEN += "{s}"'],
  ['make unquoted', '/app/Makefile', '{I}_TOKEN := {s}'],
  ['make conditional unquoted', '/app/Makefile', '{I}_TOKEN ?= {s}'],
  ['Terraform', '/app/infra/main.tf', '  {i}_token = "{s}"'],
  ['trivy quoted keys', '/app/notes/secrets.txt', '"{I}_TOKEN": "{s}",'],
];

const fill = (template: string, id: string, secret: string): string =>
  template.replaceAll('{I}', id.toUpperCase()).replaceAll('{i}', id).replaceAll('{s}', secret);

/** Generic values in the alphabets gitleaks' generator draws from, and what people type as passwords. */
const GENERIC_VALUES: readonly [string, string][] = [
  ['mixed alnum 32', body(A.alnum, 32, 'shape-alnum')],
  ['a prefixed key with a long hex body', 'APPX_' + body(A.hex, 60, 'shape-prefixed')],
  ['lower-case hex 64', body(A.hex, 64, 'shape-hex')],
  ['lower-case letters and digits 24', body(A.lowerAlnum, 24, 'shape-lower')],
  // gitleaks' generic rule wants 3.5 bits of entropy per character: a 16-character value that passes it.
  ['lower-case letters and digits 16', 'k7wq2mzp9xr4ve3b'],
  ['base64 with padding', body(A.base64, 30, 'shape-b64') + '=='],
  ['URL-safe with dots and dashes', body(A.urlSafe + '.', 40, 'shape-urlsafe')],
  ['a password with symbols (under a password key)', 'Tq8#vL2!mZ4@'],
  ['a password with symbols and a dollar (under a password key)', 'rW5$kN9%pX3^hB'],
  ['a UUID', uuid('shape-uuid')],
];

/** [name, file, text, secret]: gitleaks' generic-rule positives and the brief's key and value shapes. */
const alnum30 = body(A.alnum, 30, 'shape-30');
const long100 = body(A.urlSafe + '.=', 100, 'shape-100');
const hex64 = body(A.hex, 64, 'shape-hex-2');
const pw = 'Gk7!pR2#wQ9z';
const GENERIC_EXTRA: readonly [string, string, string, string][] = [
  ['quoted key in a Python dict', '/app/settings.py', `'access_token': '${body(A.base64, 22, 'shape-at')}=='`, ''],
  ['a key ending in digits', '/app/settings.py', `some_api_token_123 = "${body(A.alnum, 60, 'shape-60')}"`, ''],
  ['user_auth in JSON', '/app/config/app.json', `{"user_auth": "${body(A.base64, 55, 'shape-ua')}="}`, ''],
  ['credentials hex in JSON', '/app/config/app.json', `{"credentials" : "${hex64}"}`, hex64],
  ['creds bare in INI', '/app/config/app.ini', `creds = ${alnum30}`, alnum30],
  ['private-key in YAML', '/app/config/app.yaml', `private-key: ${long100}`, long100],
  ['passwd bare in INI', '/app/config/app.cfg', `passwd = ${alnum30}`, alnum30],
  ['client_secret in JSON', '/app/config/app.json', `"client_secret" : "${hex64}",`, hex64],
  ['mySecretString', '/app/.env', `mySecretString=${alnum30}`, alnum30],
  ['todo_secret_do_not_commit', '/app/config/app.ini', `todo_secret_do_not_commit = ${alnum30}`, alnum30],
  ['a call default (a UUID token)', '/app/main.go', ` utils.GetEnvOrDefault("api_token", "${uuid('shape-default')}")`, uuid('shape-default')],
  ['dotted key', '/app/config/app.properties', `my-app.db.password=${pw}`, pw],
  ['double-underscore key', '/app/.env', `APP__DB__PASSWORD=${pw}`, pw],
  ['aws_secret_access_key', '/app/config/app.ini', `aws_secret_access_key = ${body(A.base64, 40, 'shape-aws')}`, ''],
  ['x-api-key header in YAML', '/app/config/app.yaml', `headers:\n  x-api-key: ${alnum30}`, alnum30],
  ['apiKey in JS', '/app/index.js', `const config = { apiKey: "${alnum30}" };`, alnum30],
  ['value in backticks (JS)', '/app/index.js', `const apiToken = \`${alnum30}\`;`, alnum30],
  ['heredoc in a shell script', '/app/bin/setup.sh', `cat > .env <<EOF\nDB_PASSWORD=${pw}\nEOF`, pw],
  ['f-string-free Python password', '/app/settings.py', `DB_PASSWORD = f"${pw}"`, pw],
  ['os.environ.get default', '/app/settings.py', `SECRET_KEY = os.environ.get("SECRET_KEY", "${alnum30}")`, alnum30],
  ['getenv or literal', '/app/settings.py', `API_TOKEN = os.getenv("API_TOKEN") or "${alnum30}"`, alnum30],
  ['process.env or literal', '/app/index.js', `const token = process.env.TOKEN || "${alnum30}";`, alnum30],
  ['JSON array of creds', '/app/config/app.json', `{\n  "api_keys": [\n    "${alnum30}",\n    "${hex64}"\n  ]\n}`, alnum30],
  ['docker run -e', '/app/bin/run.sh', `docker run -e DB_PASSWORD=${pw} -d app:1`, pw],
  ['--password=value flag', '/app/bin/run.sh', `mytool login --password=${pw} --user admin`, pw],
  ['--token value flag', '/app/bin/run.sh', `mytool deploy --token ${alnum30} --env prod`, alnum30],
  ['Python password with symbols', '/app/settings.py', `password = "${pw}"`, pw],
  ['Go password with symbols', '/app/main.go', `password := "${pw}"`, pw],
  ['Java password with symbols', '/app/src/Db.java', `String password = "${pw}";`, pw],
  ['JS password with symbols', '/app/db.js', `const password = '${pw}';`, pw],
  ['C# password with symbols', '/app/src/Db.cs', `var password = "${pw}";`, pw],
  ['PHP password with symbols', '/app/db.php', `$password = "${pw}";`, pw],
  ['Ruby password with symbols', '/app/config/db.rb', `password = "${pw}"`, pw],
  ['Terraform lower-case password', '/app/infra/db.tf', `  password = "${body(A.lowerAlnum, 20, 'shape-tf')}"`, body(A.lowerAlnum, 20, 'shape-tf')],
  ['HCL lower-case token', '/app/infra/vault.hcl', `token = "${body(A.lowerAlnum, 18, 'shape-hcl')}"`, body(A.lowerAlnum, 18, 'shape-hcl')],
  [
    'trivy: quoted key, = and a quoted value',
    '/app/notes/aws.txt',
    `'AWS_secret_KEY'="${body(A.base64, 40, 'shape-trivy-aws')}"`,
    body(A.base64, 40, 'shape-trivy-aws'),
  ],
  [
    'trivy: quoted key and value in JSON-ish text',
    '/app/notes/aws.txt',
    `"AWS_ACCESS_KEY_ID": "AKIA${body(A.upperAlnum, 16, 'shape-trivy-akia')}",`,
    `AKIA${body(A.upperAlnum, 16, 'shape-trivy-akia')}`,
  ],
  ['CSV row', '/app/data/users.csv', `svc-deploy,password,${pw},2024-01-01`, pw],
  ['CSV row with a token header', '/app/data/keys.csv', `name,api_key,created\ndeploy,${alnum30},2024-01-01`, alnum30],
];

/** [name, file, text]: shapes of gitleaks' generic false positives (our values) and the brief's negatives. */
const GENERIC_NEGATIVES: readonly [string, string, string][] = [
  ['accessor', '/app/config/app.json', `{"accessor":"${body(A.alnum, 16, 'n-accessor')}",}`],
  ['access id UUID', '/app/config/app.yaml', `report_access_id: ${uuid('n-access-id')}`],
  ['accessibility option id', '/app/src/App.cs', `accessibilityYesOptionId = "${uuid('n-option')}"`],
  ['API version snapshot', '/app/.env', 'COMMUNICATION_API_VERSION=rc0.13.0_20230412_0712-SNAPSHOT'],
  ['API version hash', '/app/.env', `MantleAPI_version=${body(A.hex, 40, 'n-mantle')}`],
  ['api URL', '/app/config/app.properties', 'apiUrl=apigee.corp.example.com'],
  ['API name header', '/app/config/app.json', '{"X-API-Name": "NRG0-Hermes-INTERNAL-API",}'],
  ['author', '/app/setup.py', 'author = "jane.doe@example.com",'],
  [
    'Jenkins credentialsId',
    '/app/Jenkinsfile',
    `withCredentials([usernamePassword(credentialsId: '${uuid('n-jenkins')}', usernameVariable: 'USERNAME', passwordVariable: 'PASSWORD')]) {`,
  ],
  ['credentialsId', '/app/Jenkinsfile', `credentialsId: '${uuid('n-cred-id')}'`],
  ['credentialId', '/app/config/app.json', `{"credentialId": "${body(A.alnum, 22, 'n-credential-id')}",}`],
  ['CREDENTIALS_ID naming a Jenkins credential', '/app/Jenkinsfile', 'environment {\n\tCREDENTIALS_ID = "K8S_CRED"\n}'],
  ['credentials URL', '/app/config/app.properties', 'dev.credentials.url=dev-lb1.api.example.com:5215'],
  ['keyword', '/app/config/app.yaml', 'keyword: "Befaehigung_P2"'],
  ['public key', '/app/config/app.ini', `public_key = "${body(A.alnum, 43, 'n-public')}"`],
  ['primaryKey', '/app/.env', `primaryKey=${body(A.alnum, 30, 'n-primary')}`],
  ['foreignKey', '/app/.env', `foreignKey=${body(A.alnum, 30, 'n-foreign')}`],
  ['key_down_event', '/app/.env', `key_down_event=${body(A.alnum, 30, 'n-keydown')}`],
  ['issuerKeyHash', '/app/.env', `issuerKeyHash=${body(A.alnum, 30, 'n-issuer')}`],
  ['KeyFile', '/app/config/app.properties', 'IceSSL.KeyFile=s_rsa1024_priv.pem'],
  ['bucket_key', '/app/config/app.json', '{"bucket_key": "SalesResults-1.2"}'],
  ['schemaKey', '/app/src/schema.py', "schemaKey = 'DOC_Vector_5_32'"],
  ['sequenceKey', '/app/src/seq.js', 'sequenceKey = "18"'],
  ['keystore file', '/app/config/app.properties', 'app.keystore.file=env/cert.p12'],
  ['keytab flag', '/app/bin/run.sh', 'java -DKEYTAB_FILE=/tmp/app.keytab -jar app.jar'],
  ['key name', '/app/config/app.json', '{"key_name": "prod5zyxlmy-cmk",}'],
  ['kms key id', '/app/config/app.json', `{"kms_key_id": "${uuid('n-kms')}",}`],
  ['key vault name', '/app/config/app.json', '{"key_vault_name": "web21prqodx24021",}'],
  ['keyVaultToStoreSecrets', '/app/config/app.yaml', 'keyVaultToStoreSecrets: cmp2-qat-1208358310'],
  ['alphabet of key characters', '/app/src/keys.go', 'const validKeyChars = "0123456789abcdefghijklmnopqrstuvwxyz_-."'],
  ['base62 alphabet', '/app/src/keys.js', 'const keyStr = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"'],
  ['key length constant', '/app/src/crypto.py', 'key_length = XSalsa20.key_length'],
  ['KeyPair alias', '/app/src/crypto.zig', 'KeyPair = X25519.KeyPair'],
  ['PuttyPassword flag', '/app/config/app.ini', 'PuttyPassword=0'],
  ['secret name', '/app/settings.py', 'LLM_SECRET_NAME = "NEXUS-GPT4-API-KEY"'],
  ['UserSecretsId', '/app/App.csproj', `  <UserSecretsId>${uuid('n-user-secrets')}</UserSecretsId>`],
  ['secret_length', '/app/src/crypto.py', 'secret_length = X25519.secret_length'],
  ['build secret mount', '/app/Dockerfile', 'RUN --mount=type=secret,id=jfrog_secret \\\n    JFROG_SECRET=$(cat /run/secrets/jfrog_secret) && make'],
  ['access token URL', '/app/settings.py', "    access_token_url='https://github.com/login/oauth/access_token',"],
  ['publicToken', '/app/src/map.js', `publicToken = "${body(A.alnum, 43, 'n-public-token')}"`],
  ['TokenFile attribute', '/app/config/app.xml', '<SourceFile SourceLocation="F:\\Extracts\\" TokenFile="RTL_INST_CODE.cer">'],
  ['Maven coordinates', '/app/infra/notes.tf', 'notes            = "Maven - io.jsonwebtoken:jjwt-jackson-0.11.2"'],
  ['CSRF token', '/app/config/app.properties', `csrf-token=${body(A.base64, 86, 'n-csrf')}==`],
  ['clientId UUID', '/app/src/auth.js', `clientId = "${uuid('n-client-id')}"`],
  ['empty .env values', '/app/.env', 'GITHUB_API_KEY=\nDYNATRACE_API_KEY='],
  ['empty properties values', '/app/config/app.properties', 'snowflake.password=\njdbc.snowflake.url='],
  ['an import of key names', '/app/src/chain.ts', "import { chain_Anvil1_Key, chain_Anvil2_Key } from '../tests/pallets/consts';"],
  ['a BitBake source revision', '/app/recipes/moby.bb', `SRCREV_moby = "${body(A.hex, 40, 'n-srcrev')}"`],
  ['a license checksum', '/app/recipes/moby.bb', `LIC_FILES_CHKSUM = "file://\${WORKDIR}/license.html;md5=${body(A.hex, 32, 'n-lic')}"`],
  ['api_key_id', '/app/config/app.yaml', `api_key_id: ${body(A.alnum, 20, 'n-key-id')}`],
  ['secret_name', '/app/config/app.yaml', 'secret_name: prod-db-credentials-2024'],
  ['token_type bearer', '/app/config/app.json', '{"token_type": "bearer"}'],
  ['passwordHash', '/app/config/app.json', `{"passwordHash": "${body(A.hex, 64, 'n-hash')}"}`],
  ['lower-case words under token', '/app/config/app.json', '{"token": "only-lowercase-words-here"}'],
  ['a file path under a key', '/app/config/app.yaml', 'ssl_key: /etc/ssl/private/server.key'],
  ['a version under api', '/app/config/app.yaml', 'api_version: 2024-06-01'],
  ['a hash under a non-secret key', '/app/config/app.json', `{"sha": "${body(A.hex, 40, 'n-sha')}"}`],
  ['a %(X)s reference in .env', '/app/.env', 'DB_PASSWORD=%(DB_PASSWORD)s'],
  ['a %(X)s reference in an ini', '/app/config/app.ini', 'password = %(db_password)s'],
  ['xoxp filler with repeated groups', '/app/config/app.json', `{"token3": "xoxp-1234-1234-1234-${body(A.hex, 32, 'n-xoxp')}"}`],
  ['xoxp masked', '/app/config/app.json', '{"token4": "xoxp-572370529330-573807301142-572331691188-####################"}'],
  ['xoxb x filler', '/app/config/app.txt', 'xoxb-xxxxxxxxx-xxxxxxxxxx-xxxxxxxxxxxx'],
  ['xoxb short', '/app/config/app.txt', 'xoxb-12345-abcd234'],
  ['xoxb words', '/app/config/app.txt', 'xoxb-xoxb-my-bot-token'],
  ['keyboard filler', '/app/config/app.yaml', 'api_key: abc123xyz456abc123xyz456'],
  ['Slack config token placeholder', '/app/config/app.txt', 'xoxe.xoxp-1-SlackAppConfigurationAccessTokenHere'],
  ['Slack config token word', '/app/config/app.txt', 'xoxe.xoxp-1-RANDOMSTRINGHERE'],
  // trivy's invalid-AWS fixtures: a public key in hex, a value too long for its format, base64 text.
  ['a public key in hex', '/app/notes/web.txt', `publicKey="${body('0123456789ABCDEF', 96, 'n-pubhex')}"`],
  ['an AWS-named value too long for a secret key', '/app/notes/aws.txt', `"AWS_key":${body(A.alnum, 70, 'n-aws-long')}`],
  [
    'base64 of plain text with a key-id prefix inside',
    '/app/notes/aws.txt',
    `base64:\n${Buffer.from('aws-access-key-id test string, AIPA inside').toString('base64')}`,
  ],
];

/** Slack tokens whose numeric ids repeat digits (gitleaks' positives look like this); the random part is random. */
const seg = (n: number, seed: string): string => body(A.digits, n, seed);
const SLACK_REPETITIVE: readonly [string, string][] = [
  ['legacy workspace token with repeated id digits', `xoxa-2-5${'1'.repeat(8)}-3${'1'.repeat(10)}-3${'1'.repeat(12)}-${body(A.hex, 18, 'p-xoxa')}`],
  ['legacy token with short ids', `xoxo-5${seg(5, 'p-xoxo-a')}-2${seg(5, 'p-xoxo-b')}-2${seg(5, 'p-xoxo-c')}-${body(A.hex, 18, 'p-xoxo')}`],
  ['user token with a repeated id digit', `xoxp-4${'1'.repeat(10)}-${seg(12, 'p-xoxp-b')}-${seg(12, 'p-xoxp-c')}-${body(A.hex, 32, 'p-xoxp')}`],
];

/**
 * Credentials in curl commands as gitleaks' curl rules test them: -u / --user with every quoting
 * (bare, single, double, mixed, user and password quoted apart), an empty user or password, the
 * option on a continuation line below `curl`; Authorization headers with and without a scheme
 * (Basic, Bearer, Token, Api-Token, none), API-key headers; and their placeholders and variables.
 */
const cpw = 'Vq7pR2xLm9Kd';
const cbasic = Buffer.from(`deploy:${cpw}`).toString('base64');
const cbearer = body(A.base64, 88, 'curl-bearer') + '==';
const chex = body(A.hex, 32, 'curl-hex');
const CURL: readonly [string, string, string][] = [
  ['-u bare with a $1 suffix', `curl --cacert ca.crt -u elastic:${cpw}$1 https://localhost:9200`, `${cpw}$1`],
  [
    '-u on a continuation line',
    `curl -k -X POST https://svc:11222/rest/v2/caches/default/hello \\
  -H 'Content-type: text/plain' \\
  -d 'world' \\
  -u developer:${cpw}`,
    cpw,
  ],
  ['-u with an empty user', `curl -u ":${cpw}" https://localhost:9200`, cpw],
  ['-u with an empty password (a key as the user)', `curl -u "${cpw}:" https://localhost:9200`, cpw],
  ['--user with two blanks and single quotes', `curl -sw '%{http_code}' -X POST --user  'johns:${cpw}~21' $API_URL/x --data`, `${cpw}~21`],
  ['--user with an e-mail', `curl --user ops23@example.com:${cpw} https://files.example.com/link -v`, cpw],
  ['--user double-quoted', `curl -s -v --user "j.smith:${cpw}#4J" "https://api.example.org/user/me"`, `${cpw}#4J`],
  [
    '--user quoted apart',
    `curl -X POST --user "{${uuid('curl-user')}}":"{${cpw}}" --header "Accept: application/json" https://gw.example.net/api`,
    '',
  ],
  ['--user mixed quoting', `curl --user kevin:'${cpw}' -iX PATCH -H "Content-Type: application/json" -d`, cpw],
  [
    '--user on a continuation line',
    `$ curl https://api.example.com/oauth2/token \\
  --user ${body(A.lowerAlnum, 15, 'curl-id')}:${body(A.lowerAlnum, 15, 'curl-pw')} --data grant_type=authorization_code`,
    '',
  ],
  ['Authorization without a scheme', `curl --header  'Authorization:  ${uuid('curl-auth')}'`, uuid('curl-auth')],
  ['Authorization Basic', `curl -H 'Authorization: Basic ${cbasic}' \\`, ''],
  [
    'Authorization Basic on a continuation line',
    `curl -X POST -H "Content-Type: application/json" \\
 -H "Authorization: Basic ${cbasic}" \\
  -d '{"user":"x"}' \\
  'http://localhost:8080/users'`,
    '',
  ],
  ['Authorization Bearer hex', `# curl -X GET "http://localhost:3000/api/cron/status" -H "Authorization: Bearer ${chex}"`, chex],
  ['Authorization Bearer base64', `curl -X PUT -H 'Authorization: Bearer ${cbearer}' -d 'x=1' http://127.0.0.1:8443/desks/1`, cbearer],
  [
    'Authorization Token',
    `curl -H "Authorization: Token ${body(A.hex, 40, 'curl-token')}" --request PUT https://app.example.com/api/use/635`,
    body(A.hex, 40, 'curl-token'),
  ],
  [
    'Authorization Api-Token',
    `curl -H "Authorization: Api-Token ${body(A.hex, 40, 'curl-api-token')}" --request PUT https://app.example.com/api/use/635`,
    body(A.hex, 40, 'curl-api-token'),
  ],
  [
    'apikey header',
    `curl -X GET \\
     -H "apikey: ${uuid('curl-apikey')}" \\
     -H "Accept: application/json" \\`,
    uuid('curl-apikey'),
  ],
  ['Api-Token header', `curl -X POST --header "Api-Token: ${body(A.alnum, 11, 'curl-at')}"`, body(A.alnum, 11, 'curl-at')],
  [
    'Token header',
    `curl -XPOST http://localhost:8080/api/tasks -H "Content-Type: text/plain" -H "Token: ${body(A.hex, 16, 'curl-th')}" -d "content=hello"`,
    body(A.hex, 16, 'curl-th'),
  ],
  ['X-Vendor-ApiKey header', `curl -X GET https://deploy.example.net/\n     -H "X-Octopus-ApiKey: ${uuid('curl-x')}" \\`, uuid('curl-x')],
];
const CURL_NEGATIVES: readonly [string, string][] = [
  ['-u test:test', `curl -i -u 'test:test'`],
  ['-u positional variables', `   curl -sL --user "$1:$2" "$3" > "$4"`],
  ['-u angle placeholder', 'curl -u <user:password> https://example.com/endpoint'],
  ['-u bracket placeholder', 'curl --user neo4j:[PASSWORD] http://[IP]:7474/db/data/'],
  ['-u user only', 'curl -u "myusername" http://localhost:15130/api/check_user/'],
  ['-u username:token', 'curl -u username:token'],
  ['-u ${} variables', 'curl -u "${_username}:${_password}"'],
  ['-u quoted ${} variables', 'curl -u "${username}":"${password}"'],
  ['-u a user and a variable', 'curl -k -X POST -I -u "SRVC_JENKINS:${APPID}"'],
  ['-u empty', 'curl -u ":" https://localhost:9200'],
  ['--user $VARS in single quotes', `curl -sw '%{http_code}' -X POST --user '$USERNAME:$PASSWORD' $API_URL/$COMMIT --data`],
  ['--user xxx:yyy', 'curl --user "xxx:yyy"'],
  ['--user Helm values', 'curl --silent --fail --user "{{ $.Values.username }}:{{ $.Values.password }}"'],
  ['--user Actions expressions', 'curl -XGET -i -u "${{ env.ELK_ID }}:${{ build.env.ELK_PASS }}"'],
  ['--user command substitutions', 'curl -X POST --user "$(cat ./login.txt):$(cat ./password.txt)"'],
  ['--user user:pass', 'curl http://127.0.0.1:5000/file --user user:pass --digest        # digest auth'],
  ['--user username:password', '   curl -X GET --insecure --user "username:password" \\'],
  ['--user ${} names', 'curl --silent --insecure --user ${f5user}:${f5pass} \\'],
  [
    '--user an address only',
    'curl --insecure --ssl-reqd "smtps://smtp.example.com" --mail-from "a@example.com" --user "a@example.com" --upload-file out.txt',
  ],
  ['Bearer X filler', 'curl https://example.com/micropub -d h=entry -H "Authorization: Bearer XXXXXXXXXXXX"'],
  ['Basic ellipsis', 'curl -X POST https://accounts.example.com/api/token --header "Authorization: Basic ..."'],
  ['Bearer angle placeholder', 'curl \\\n  -H "Authorization: Bearer <Openverse API token>" \\\n  "https://api.example.org/v1/audio/?q=test"'],
  ['Token stars', 'curl -X POST https://domain/api/v1/login/ \\\n  -H "Authorization: Token **********" \\\n  -d \'{"username": "x"}\''],
  ['basic with a formula', 'curl -XPOST http://localhost:8080/api/token -H "Authorization: basic {base64(email:password[\\n])}" => token'],
  ['apikey variable', 'curl -X GET \\\n     -H "apikey: $API_KEY" \\\n     -H "Accept: $FORMAT" \\\n"$API_URL/rest/v1/stats"'],
  [
    'Bearer variable on a continuation line',
    '$ curl -X POST "http://localhost:8000/v1/chat/completions" \\\n    -H "Content-Type: application/json" \\\n    -H "Authorization: Bearer $API_KEY" \\\n    -d \'{"model": "m"}\'',
  ],
  [
    'Bearer command substitution',
    'curl -X GET -H "Authorization: Bearer $(gcloud auth print-access-token)" https://workflows.example.com/v1/projects/1/executions',
  ],
];

/**
 * Provider shapes from gitleaks' own rule tests, with our values: a token at the end of a word run
 * (a Google key whose last character is `-`), a Vault token after an option and before a stray
 * quote; and the look-alikes those tests list as false positives: identifiers in camel or Pascal
 * case after `s.`, single-case runs, fillers, a prefix inside a longer word, the wrong case.
 */
const vaultOld = 's.' + '7' + body(A.alnum, 23, 'vault-old');
const vaultNew = 'hvs.' + 'C' + body(A.urlSafe, 95, 'vault-new');
const googleDash = 'AIza' + 'Sy' + body(A.urlSafe, 32, 'google-dash') + '-';
const PROVIDER_SHAPES: readonly [string, string, string][] = [
  ['a Vault service token under token:', `token: ${vaultOld}`, vaultOld],
  ['a Vault token after an option, before a stray quote', `-vaultToken ${vaultNew}"`, vaultNew],
  ['a Google API key ending in a dash', `${googleDash}`, googleDash],
  ['a Google API key ending in a dash, keyed', `gcp_api_token = "${googleDash}"`, googleDash],
];
const PROVIDER_SHAPE_NEGATIVES: readonly [string, string][] = [
  ['s. then a Pascal-case identifier', 's.AcceptanceTimeoutSeconds '],
  ['s. then a camel-case identifier', 's.makeKubeConfigController = args'],
  ['s. then upper-case letters', 's.THISRUNISUPPERCASEONLYX'],
  ['s. then lower-case letters', 's.thisrunislowercaseonlyx'],
  ['s. then x filler', 's.' + 'x'.repeat(24)],
  ['hvs. then x filler', 'hvs.' + 'x'.repeat(95)],
  ['a word boundary before s.', "  credentials: new AWS.SharedIniFileCredentials({ profile: '<YOUR_PROFILE>' })"],
  ['a Google key prefix inside a longer run', body(A.alnum, 40, 'g-run') + 'AIza' + body(A.alnum, 35, 'g-run-2')],
  ['a Google key in upper case', 'AIZASY' + body(A.upperAlnum, 33, 'g-upper')],
  ['a Google key of one repeated letter', 'apiKey: "AIza' + 'a'.repeat(35) + '"'],
];

interface Probe {
  name: string;
  path: string;
  text: string;
  /** '' = any finding counts. */
  secret: string;
  kind?: string;
}

function hits(path: string, text: string): { kind: string; secret: string }[] {
  return scanFile(path, text);
}

const positives: Probe[] = [];
for (const [valueName, value] of GENERIC_VALUES) {
  for (const [where, path, template] of GITLEAKS) {
    // Typed passwords go under a password's name (a token is generated, never typed).
    const t = valueName.includes('password key')
      ? template.replace(/Token|token|TOKEN/g, (w) => ({ Token: 'Password', token: 'password', TOKEN: 'PASSWORD' })[w]!)
      : template;
    positives.push({ name: `generic ${valueName} — ${where}`, path, text: fill(t, 'generic', value), secret: value });
  }
}
for (const [name, path, text, secret] of GENERIC_EXTRA) positives.push({ name, path, text, secret });
for (const [name, token] of SLACK_REPETITIVE) {
  positives.push({ name: `${name} — JSON`, path: '/app/config/app.json', text: `{"access_token": "${token}"}`, secret: token });
  positives.push({ name: `${name} — bare`, path: '/app/notes/slack.txt', text: token, secret: token });
}

// Provider families in gitleaks' placements: every token format's first free positive, under the
// key the corpus gives it (or the provider's name with Token, as gitleaks' generator spells it).
/** Formats with a file syntax of their own rather than a key and a value. */
const NOT_PLACEABLE = new Set(['nuget-config-password', 'gcp-service-account-key']);
const tokens = SECRET_FORMATS.filter((f) => f.source === 'token' && f.keywords.length > 0);
const KEY_BEFORE = /(?:^|[\s{,;(])(?:export[ \t]+|ENV[ \t]+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?[ \t]*(?:=|:=|:)[ \t]*["'`]?$/;
for (const format of tokens) {
  const cases = CORPUS[format.id];
  const free = cases?.positives.filter((p) => p.via === undefined && p.secret !== '' && p.text.includes(p.secret)) ?? [];
  const bare = free.find((p) => p.text === p.secret);
  const keyed = free.map((p) => ({ p, key: KEY_BEFORE.exec(p.text.slice(0, p.text.indexOf(p.secret)))?.[1] })).find((k) => k.key !== undefined);
  if (bare === undefined && keyed === undefined) continue;
  // A key that is part of the format's own syntax (AccountKey=, _gitlab_session=) is no key to move.
  if (bare === undefined && format.keywords.some((k) => /[="]$/.test(k) && keyed!.p.text.includes(k))) continue;
  if (NOT_PLACEABLE.has(format.id)) continue;
  const secret = bare?.secret ?? keyed!.p.secret;
  if (/[\s"'`\\]/.test(secret)) continue;
  for (const [where, path, template] of GITLEAKS) {
    if (where === 'CSV' && /,/.test(secret)) continue;
    // gitleaks' identifier is the provider; a keyed format needs its key, which replaces `{i}Token`.
    const text =
      bare !== undefined
        ? fill(template, 'deploy', secret)
        : fill(template.replace(/\{i\}Token|\{i\}_token|\{I\}_TOKEN|\{i\}\.token/g, keyed!.key!), '', secret);
    positives.push({ name: `${format.id} — ${where}`, path, text, secret, kind: format.id });
  }
}

// gitleaks names keyed providers' keys after the provider (`{i}Token`, `{i}_token`, `{I}_TOKEN` with
// i = adafruit, beamer, …): every keyed format's value under its provider's name in every placement.
for (const format of tokens) {
  const cases = CORPUS[format.id];
  const free = cases?.positives.filter((p) => p.via === undefined && p.secret !== '' && p.text.includes(p.secret)) ?? [];
  if (free.some((p) => p.text === p.secret)) continue;
  const provider = format.keywords.find((k) => /^[a-z]{3,}$/.test(k));
  const secret = free.find((p) => KEY_BEFORE.test(p.text.slice(0, p.text.indexOf(p.secret))))?.secret;
  if (provider === undefined || secret === undefined || /[\s"'`\\,]/.test(secret) || NOT_PLACEABLE.has(format.id)) continue;
  for (const [where, path, template] of GITLEAKS) {
    positives.push({ name: `${format.id} under ${provider}Token — ${where}`, path, text: fill(template, provider, secret), secret, kind: format.id });
  }
}

for (const [name, text, secret] of CURL) {
  positives.push({ name: `curl ${name} — shell script`, path: '/app/bin/deploy.sh', text, secret });
  positives.push({ name: `curl ${name} — README`, path: '/app/docs/api.txt', text, secret });
}

for (const [name, text, secret] of PROVIDER_SHAPES) {
  positives.push({ name: `${name} — YAML`, path: '/app/config/app.yaml', text, secret });
  positives.push({ name: `${name} — notes`, path: '/app/notes/keys.txt', text, secret });
}

const negatives: Probe[] = GENERIC_NEGATIVES.map(([name, path, text]) => ({ name, path, text, secret: '' }));
for (const [name, text] of PROVIDER_SHAPE_NEGATIVES) negatives.push({ name, path: '/app/notes/keys.txt', text, secret: '' });
for (const [name, text] of CURL_NEGATIVES) negatives.push({ name: `curl ${name}`, path: '/app/bin/deploy.sh', text, secret: '' });

function isFound(p: Probe): boolean {
  const matches = hits(p.path, p.text);
  return p.secret === '' ? matches.length > 0 : matches.some((m) => m.secret === p.secret);
}

describe('secret scanners’ test-data shapes (our values)', () => {
  it('summary: recall and false-positive rate', () => {
    const missed = positives.filter((p) => !isFound(p));
    const kindMissed = positives.filter((p) => p.kind !== undefined && !hits(p.path, p.text).some((m) => m.secret === p.secret && m.kind === p.kind));
    const flagged = negatives.filter((n) => hits(n.path, n.text).length > 0);
    const line = `positives ${positives.length - missed.length}/${positives.length} found (${kindMissed.length} provider placements under another kind); negatives ${flagged.length}/${negatives.length} flagged`;
    console.log(line);
    if (process.env['SHAPES_VERBOSE'] === '1') {
      for (const p of missed) console.log('MISS', p.name, JSON.stringify(p.text).slice(0, 160));
      for (const p of kindMissed) console.log('KIND', p.name, JSON.stringify(hits(p.path, p.text).map((m) => m.kind)));
      for (const n of flagged) console.log('FP  ', n.name, JSON.stringify(hits(n.path, n.text)));
    }
    expect(line).toBeTruthy();
  });

  it.each(positives.map((p) => [p.name, p] as const))('finds %s', (_, p) => {
    expect(isFound(p), `${p.text}\n${JSON.stringify(hits(p.path, p.text))}`).toBe(true);
  });

  it.each(negatives.map((n) => [n.name, n] as const))('ignores %s', (_, n) => {
    expect(hits(n.path, n.text), n.text).toEqual([]);
  });

  it('scans metadata the same way: env entries and history lines', () => {
    expect(scanEnv('DB_PASSWORD', '%(DB_PASSWORD)s')).toEqual([]);
    expect(scanValue('ENV DB_PASSWORD=%(DB_PASSWORD)s')).toEqual([]);
  });
});
