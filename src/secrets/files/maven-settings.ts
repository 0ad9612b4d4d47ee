// Maven settings.xml: repository and proxy passwords under <servers> and <proxies>.
import { isPlaceholder } from '../placeholders.js';
import type { LineParser } from '../line-parser.js';
import { Priority } from '../types.js';
import { afterMarker, type CredentialFile } from './credential-file.js';

// Reference: Apache Maven docs, "Settings Reference — Servers" (<password> and <passphrase>) and
// "Password Encryption" (encrypted values are wrapped in braces, {…}; ${env.X} reads a variable).
const SECRET_ELEMENT = /<(password|passphrase)>([^<]*)<\/\1>/g;
/** mvn --encrypt-password output: base64 between braces, possibly after a description. */
const ENCRYPTED = /\{[A-Za-z0-9+/=]{8,}\}\s*$/;

function mavenSettingsParser(): LineParser {
  let inComment = false; // the stock settings.xml documents <password> examples inside comments
  return {
    parse(line, out) {
      // Blank out comments, keeping offsets, so examples inside <!-- … --> are never reported.
      let text = '';
      for (let i = 0; i < line.length;) {
        if (inComment) {
          const end = line.indexOf('-->', i);
          const stop = end === -1 ? line.length : end + 3;
          text += ' '.repeat(stop - i);
          i = stop;
          inComment = end === -1;
        } else {
          const start = line.indexOf('<!--', i);
          const stop = start === -1 ? line.length : start;
          text += line.slice(i, stop);
          i = stop;
          inComment = start !== -1;
        }
      }
      SECRET_ELEMENT.lastIndex = 0;
      for (let m = SECRET_ELEMENT.exec(text); m !== null; m = SECRET_ELEMENT.exec(text)) {
        const [whole, element = '', raw = ''] = m;
        const value = raw.trim();
        if (isPlaceholder(value)) continue;
        // An encrypted {…} value is as good as plain text to whoever also gets settings-security.xml
        // (its master password is encrypted with a public key): a warning, as an encrypted private key is.
        const encrypted = ENCRYPTED.test(value);
        out.push({
          kind: mavenSettings.id,
          title: encrypted
            ? 'Encrypted password in Maven settings.xml (decryptable with settings-security.xml)'
            : element === 'passphrase'
              ? 'Key passphrase in Maven settings.xml'
              : mavenSettings.title,
          secret: value,
          index: m.index + whole.indexOf('>') + 1 + raw.indexOf(value),
          priority: Priority.file,
          ...(encrypted ? { severity: 'warning' as const } : {}),
        });
      }
    },
  };
}

/** Maven's user settings (~/.m2, a project's .mvn) and the installation-wide conf/settings.xml. */
const MAVEN_SETTINGS = /\/\.m2\/settings\.xml$|\/\.mvn\/settings\.xml$|\/[^/]*maven[^/]*\/conf\/settings\.xml$/;

export const mavenSettings: CredentialFile = {
  id: 'maven-settings-password',
  title: 'Password in Maven settings.xml',
  severity: 'error',
  keywords: [],
  paths: '.m2/settings.xml, .mvn/settings.xml, <maven>/conf/settings.xml; any XML file whose root is <settings>',
  summary:
    '<password> and <passphrase> values; {…} encrypted values as warnings (settings-security.xml decrypts them). Ignores ${env.X} references and examples inside XML comments.',
  matchesPath: (full) => MAVEN_SETTINGS.test(full),
  sniff: ['xml'],
  parser: (byPath) => afterMarker(/<settings[\s>]/, mavenSettingsParser(), byPath, '<settings'),
};

// Reference: Apache Maven docs, "Password Encryption" (settings-security.xml holds <master>, the
// master password, encrypted with a fixed, public key: whoever reads the file can decrypt it and,
// with it, every {…} password of settings.xml).
export const mavenSettingsSecurity: CredentialFile = {
  id: 'maven-master-password',
  title: 'Master password in Maven settings-security.xml',
  severity: 'error',
  keywords: [],
  paths: 'settings-security.xml; any XML file whose root is <settingsSecurity>',
  summary:
    'The <master> value, encrypted or not: its key is public, so it unlocks every encrypted password of settings.xml. Ignores <relocation> files that point elsewhere.',
  matchesPath: (_full, base) => base === 'settings-security.xml',
  sniff: ['xml'],
  parser: (byPath) =>
    afterMarker(
      /<settingsSecurity[\s>]/,
      {
        parse(line, out) {
          const m = /<master>\s*([^<\s][^<]*?)\s*<\/master>/.exec(line);
          if (m === null || isPlaceholder(m[1] ?? '')) return;
          out.push({
            kind: mavenSettingsSecurity.id,
            title: mavenSettingsSecurity.title,
            secret: m[1] ?? '',
            index: line.indexOf(m[1] ?? '', m.index),
            priority: Priority.file,
          });
        },
      },
      byPath,
      '<settingsSecurity',
    ),
};
