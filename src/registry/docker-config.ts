// Registry credentials the way the docker CLI finds them: $DOCKER_CONFIG/config.json, else
// ~/.docker/config.json; per-registry `credHelpers`, then `credsStore`, then inline `auths`.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Credentials {
  username: string;
  password: string;
  /** An OAuth2 refresh token (docker login --password-stdin with an identity token). */
  identityToken?: string;
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

const HUB_KEYS = ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];

export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.DOCKER_CONFIG || join(homedir(), '.docker'), 'config.json');
}

/** Keys a registry may be stored under: "host", "https://host", "https://host/v1/" … */
function keysFor(host: string): string[] {
  if (HUB_KEYS.includes(host)) return HUB_KEYS;
  return [host, `https://${host}`, `http://${host}`, `https://${host}/v1/`, `https://${host}/v2/`];
}

export async function credentialsFor(host: string, env: NodeJS.ProcessEnv = process.env): Promise<Credentials | undefined> {
  let config: DockerConfig;
  const path = dockerConfigPath(env);
  try {
    config = JSON.parse(await readFile(path, 'utf8')) as DockerConfig;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${path}: cannot read the Docker config (${(error as Error).message})`, { cause: error });
  }
  const keys = keysFor(host);
  const helper = keys.map((key) => config.credHelpers?.[key]).find(Boolean) ?? config.credsStore;
  if (helper) {
    const fromHelper = await askHelper(helper, keys[0]!);
    if (fromHelper) return fromHelper;
  }
  for (const key of keys) {
    const entry = config.auths?.[key];
    if (!entry) continue;
    if (entry.identitytoken) return { username: entry.username ?? '<token>', password: '', identityToken: entry.identitytoken };
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
    if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  }
  return undefined;
}

/** `docker-credential-<helper> get`, server URL on stdin, JSON {Username, Secret} on stdout. */
function askHelper(helper: string, server: string): Promise<Credentials | undefined> {
  return new Promise((resolve, reject) => {
    const child = execFile(`docker-credential-${helper}`, ['get'], { timeout: 30_000 }, (error, stdout) => {
      if (error) {
        // "credentials not found" is a normal answer: fall back to anonymous access.
        if (/not found/i.test(stdout) || (error as NodeJS.ErrnoException).code === 'ENOENT') return resolve(undefined);
        return reject(new Error(`docker-credential-${helper} failed for ${server}: ${error.message.split('\n')[0]}`));
      }
      try {
        const answer = JSON.parse(stdout) as { Username?: string; Secret?: string };
        if (!answer.Secret) return resolve(undefined);
        resolve(
          answer.Username === '<token>'
            ? { username: '<token>', password: '', identityToken: answer.Secret }
            : { username: answer.Username ?? '', password: answer.Secret },
        );
      } catch {
        reject(new Error(`docker-credential-${helper} answered something that is not JSON for ${server}`));
      }
    });
    child.stdin?.end(server);
  });
}
