// Which config syntax a file is written in (by its name) and the key-path parser for it.
import type { LineParser } from '../line-parser.js';
import { dockerfileParser, iniParser, shellParser } from './flat-syntaxes.js';
import { jsonParser, xmlParser, yamlParser } from './nested-syntaxes.js';

export type ConfigSyntax = 'yaml' | 'json' | 'xml' | 'ini' | 'shell' | 'dockerfile';

const BY_EXTENSION: Record<string, ConfigSyntax> = {
  yml: 'yaml',
  yaml: 'yaml',
  json: 'json',
  tfrc: 'json',
  // Terraform state: every attribute of every resource, database passwords included, as JSON
  tfstate: 'json',
  // Terraform variable files are key = "value" assignments
  tfvars: 'ini',
  // Terraform and HCL: `name = "value"` attributes in blocks, the same key = value judgement
  tf: 'ini',
  hcl: 'ini',
  xml: 'xml',
  config: 'xml',
  ini: 'ini',
  cfg: 'ini',
  conf: 'ini',
  cnf: 'ini',
  toml: 'ini',
  properties: 'ini',
  s3cfg: 'ini',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  ksh: 'shell',
  envrc: 'shell',
  bashrc: 'shell',
  profile: 'shell',
  bash_profile: 'shell',
  zshrc: 'shell',
  dockerfile: 'dockerfile',
  containerfile: 'dockerfile',
};

/** Files whose name says their syntax without an extension. */
const BY_NAME: Record<string, ConfigSyntax> = {
  dockerfile: 'dockerfile',
  containerfile: 'dockerfile',
  credentials: 'ini',
  config: 'ini',
  '.s3cfg': 'ini',
  '.bashrc': 'shell',
  '.profile': 'shell',
  '.bash_profile': 'shell',
  '.zshrc': 'shell',
  '.envrc': 'shell',
};

/** Lock files and generated indexes: machine-written, large, and never where a credential is configured. */
const GENERATED =
  /^\.?(?:package-lock|npm-shrinkwrap|yarn|pnpm-lock|composer|bower|tsconfig|jsconfig)\.(?:json|ya?ml|lock)$|\.(?:min|bundle)\.json$/i;

/** The config syntax of `baseName`, or undefined for files that are not structured config. */
export function configSyntaxOf(baseName: string): ConfigSyntax | undefined {
  const lower = baseName.toLowerCase();
  if (GENERATED.test(lower)) return undefined;
  const byName = BY_NAME[lower];
  if (byName !== undefined) return byName;
  if (/^(?:docker|container)file[.-]/.test(lower)) return 'dockerfile';
  const dot = lower.lastIndexOf('.');
  return dot === -1 ? undefined : BY_EXTENSION[lower.slice(dot + 1)];
}

/**
 * Test-suite results (DejaGnu and automake logs; binutils' extensionless test summary in
 * /usr/share/doc) read `PASS: <test name>`: a verdict and a name, not a password. Only a file whose
 * name says no syntax is read as settings while being such a log.
 */
const TEST_RESULT = /^\s*X?PASS:\s/;

/**
 * Settings in a file whose name says no syntax: JSON when its first line opens an object or array
 * (Chromium's master_preferences), else INI-style `key = value` lines.
 */
export function untypedSettingsParser(): LineParser {
  let inner: LineParser | undefined;
  return {
    parse(line, out, lineNo, offset) {
      if (TEST_RESULT.test(line)) return;
      if (inner === undefined) {
        const text = line.trimStart();
        if (text === '') return;
        inner = text.startsWith('{') || text.startsWith('[{') || text === '[' ? jsonParser() : iniParser();
      }
      inner.parse(line, out, lineNo, offset);
    },
  };
}

export function configParser(syntax: ConfigSyntax): LineParser {
  switch (syntax) {
    case 'yaml':
      return yamlParser();
    case 'json':
      return jsonParser();
    case 'xml':
      return xmlParser();
    case 'ini':
      return iniParser();
    case 'shell':
      return shellParser();
    case 'dockerfile':
      return dockerfileParser();
  }
}
