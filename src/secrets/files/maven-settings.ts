// Maven settings.xml: repository and proxy passwords under <servers> and <proxies>.
import { isPlaceholder } from '../placeholders.js';
import type { LineParser } from '../text-scanner.js';
import { Priority } from '../types.js';

// Reference: Apache Maven docs, "Settings Reference — Servers" (<password> and <passphrase>) and
// "Password Encryption" (encrypted values are wrapped in braces, {…}; ${env.X} reads a variable).
const SECRET_ELEMENT = /<(password|passphrase)>([^<]*)<\/\1>/g;
/** mvn --encrypt-password output: base64 between braces, possibly after a description. */
const ENCRYPTED = /\{[A-Za-z0-9+/=]{8,}\}\s*$/;

export function mavenSettingsParser(): LineParser {
  let inComment = false; // the stock settings.xml documents <password> examples inside comments
  return {
    parse(line, out) {
      // Blank out comments, keeping offsets, so examples inside <!-- … --> are never reported.
      let text = '';
      for (let i = 0; i < line.length; ) {
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
        if (isPlaceholder(value) || ENCRYPTED.test(value)) continue;
        out.push({
          kind: 'maven-settings-password',
          title: element === 'passphrase' ? 'Key passphrase in Maven settings.xml' : 'Password in Maven settings.xml',
          secret: value,
          index: m.index + whole.indexOf('>') + 1 + raw.indexOf(value),
          priority: Priority.file,
        });
      }
    },
  };
}
