// A real registry (Debian's docker-registry, the CNCF distribution server) on loopback, one per
// test file: started in beforeAll, stopped in afterAll, its storage in a temp dir.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestRegistry {
  /** "127.0.0.1:PORT" */
  host: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startRegistry(options: { login?: { username: string; password: string } } = {}): Promise<TestRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'imagegate-registry-'));
  const port = await freePort();
  const auth = options.login ? `auth:\n  htpasswd:\n    realm: imagegate-test\n    path: ${join(dir, 'htpasswd')}\n` : '';
  if (options.login) {
    const { stdout } = await run('htpasswd', ['-nbB', options.login.username, options.login.password]);
    await writeFile(join(dir, 'htpasswd'), stdout.trim() + '\n');
  }
  await writeFile(
    join(dir, 'config.yml'),
    `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n${auth}`,
  );
  const child: ChildProcess = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const host = `127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const response = await fetch(`http://${host}/v2/`);
      if (response.status === 200 || response.status === 401) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`docker-registry did not start on ${host}: ${stderr.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    host,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** skopeo copy into a loopback registry (plain HTTP), with a login when given. */
export async function push(source: string, destination: string, login?: { username: string; password: string }, all = false): Promise<void> {
  const args = [
    'copy',
    '-q',
    '--dest-tls-verify=false',
    ...(all ? ['--all'] : []),
    ...(login ? ['--dest-creds', `${login.username}:${login.password}`] : []),
    source,
    destination,
  ];
  await run('skopeo', args, { maxBuffer: 16 * 1024 * 1024 });
}
