// The tool's version, read once from package.json so it is never typed twice.
import { readFileSync } from 'node:fs';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export const TOOL_VERSION: string = packageJson.version;

/** Files shipped with the package (default policy, budgets, rule docs) resolve from its root. */
export const PACKAGE_ROOT: URL = new URL('../', import.meta.url);
