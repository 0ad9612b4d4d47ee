// .pypirc: upload credentials for PyPI-compatible indexes.
import { isPlaceholder, unquote } from '../placeholders.js';
import { Priority } from '../types.js';
import { afterMarker, type CredentialFile } from './credential-file.js';

// Reference: Python Packaging User Guide, "The .pypirc file" (INI sections with `password = …`,
// which is either an account password or a pypi- API token).
const PASSWORD_LINE = /^\s*password\s*[=:]\s*(.*?)\s*$/i;

export const pypirc: CredentialFile = {
  id: 'pypirc-password',
  title: 'Package index password in .pypirc',
  severity: 'error',
  keywords: [],
  paths: '.pypirc; any INI file with a [distutils] or [pypi] section',
  summary: 'password = lines of any index section. Ignores placeholders such as <your-token>.',
  matchesPath: (_full, base) => base === '.pypirc',
  sniff: ['ini', 'plain'],
  parser: (byPath) =>
    afterMarker(
      /^\s*\[(?:distutils|pypi|testpypi)\]/,
      {
        parse(line, out) {
          const m = PASSWORD_LINE.exec(line);
          if (m === null) return;
          const value = unquote(m[1] ?? '');
          if (isPlaceholder(value)) return;
          out.push({
            kind: pypirc.id,
            title: pypirc.title,
            secret: value,
            index: line.lastIndexOf(value),
            priority: Priority.file,
          });
        },
      },
      byPath,
      '[',
    ),
};
