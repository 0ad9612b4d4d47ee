// Reads a JSON configuration file, reporting unreadable files and syntax errors as ConfigErrors.
import { readFile } from 'node:fs/promises';
import { ConfigError } from '../core/errors.js';
import { locateJsonSyntaxError } from './json-syntax.js';

/** Parses JSON text from `file`; a syntax error becomes a ConfigError naming the line and column. */
export function parseJsonText(text: string, file: string): unknown {
  // Editors on Windows like to prepend a byte-order mark, which JSON.parse rejects.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (cause) {
    const problem = locateJsonSyntaxError(body);
    const message = problem
      ? `invalid JSON at line ${problem.line}, column ${problem.column}: ${problem.message}`
      : `invalid JSON: ${(cause as Error).message}`;
    throw new ConfigError([{ file, path: '', message }], { cause });
  }
}

/** Reads and parses a JSON file. A missing or unreadable file is a ConfigError too: the CLI reports both alike. */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'file not found' : `cannot read file: ${(cause as Error).message}`;
    throw new ConfigError([{ file, path: '', message }], { cause });
  }
  return parseJsonText(text, file);
}
