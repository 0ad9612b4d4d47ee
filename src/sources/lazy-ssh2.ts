// Defers loading ssh2 until an ssh:// DOCKER_HOST actually needs it.
//
// docker-modem requires ssh2 (and with it a JS crypto stack) as soon as it is loaded, although
// only an ssh:// DOCKER_HOST ever uses it: about 12 MB of RSS in every run (Node 20, measured),
// against a 150 MB budget for checking a gigabyte image. Before docker-modem loads, this seeds
// require's cache for the ssh2 that docker-modem would resolve with a stand-in whose Client
// constructs the real ssh2 Client on first use, so the ssh transport behaves exactly as before.
import Module, { createRequire } from 'node:module';

const ourRequire = createRequire(import.meta.url);
const modemRequire = createRequire(ourRequire.resolve('docker-modem'));

/** True once the real ssh2 has been loaded (for tests). */
export let ssh2Loaded = false;

function seed(): void {
  let id: string;
  try {
    id = modemRequire.resolve('ssh2');
  } catch {
    return; // docker-modem resolves it differently: leave its loading alone
  }
  if (ourRequire.cache[id]) return;
  let real: { Client: new (...args: unknown[]) => object } | undefined;
  const load = (): { Client: new (...args: unknown[]) => object } => {
    if (!real) {
      delete ourRequire.cache[id]; // let require load the real module in place of the stand-in
      real = modemRequire('ssh2') as { Client: new (...args: unknown[]) => object };
      ssh2Loaded = true;
    }
    return real;
  };
  const standIn = new Module(id);
  standIn.filename = id;
  standIn.loaded = true;
  standIn.exports = {
    Client: class LazyClient {
      constructor(...args: unknown[]) {
        // A constructor returning an object makes `new LazyClient()` that object: the real Client.
        return new (load().Client)(...args);
      }
    },
  };
  ourRequire.cache[id] = standIn;
}

seed();
