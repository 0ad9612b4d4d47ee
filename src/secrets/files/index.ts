// Picks the line parser for a credential file, by its path.
import { credentialFileKind } from '../paths.js';
import type { LineParser } from '../text-scanner.js';
import { dockerConfigParser } from './docker-config.js';
import { dotenvParser } from './dotenv.js';
import { gitCredentialsParser } from './git-credentials.js';
import { netrcParser } from './netrc.js';
import { npmrcParser } from './npmrc.js';
import { pypircParser } from './pypirc.js';

/** A fresh (stateful) parser for `path`, or undefined for files with no syntax of their own. */
export function lineParserFor(path: string): LineParser | undefined {
  switch (credentialFileKind(path)) {
    case 'npmrc':
      return npmrcParser();
    case 'pypirc':
      return pypircParser();
    case 'netrc':
      return netrcParser();
    case 'git-credentials':
      return gitCredentialsParser();
    case 'docker-config':
      return dockerConfigParser(false);
    case 'dockercfg':
      return dockerConfigParser(true);
    case 'dotenv':
      return dotenvParser();
    case undefined:
      return undefined;
  }
}
