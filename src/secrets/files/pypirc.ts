// .pypirc: upload credentials for PyPI-compatible indexes.
import { isPlaceholder, unquote } from '../placeholders.js';
import type { LineParser } from '../text-scanner.js';
import { Priority } from '../types.js';

// Reference: Python Packaging User Guide, "The .pypirc file" (INI sections with `password = …`,
// which is either an account password or a pypi- API token).
const PASSWORD_LINE = /^\s*password\s*[=:]\s*(.*?)\s*$/i;

export function pypircParser(): LineParser {
  return {
    parse(line, out) {
      const m = PASSWORD_LINE.exec(line);
      if (m === null) return;
      const value = unquote(m[1] ?? '');
      if (isPlaceholder(value)) return;
      out.push({
        kind: 'pypirc-password',
        title: 'Package index password in .pypirc',
        secret: value,
        index: line.lastIndexOf(value),
        priority: Priority.file,
      });
    },
  };
}
