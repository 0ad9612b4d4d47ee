// Fails a response body that stops arriving: an engine that hangs mid-export must not hang a CI gate.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';

/**
 * Polls the socket's byte counter instead of listening for 'data' (a listener would switch the
 * stream to flowing mode before its consumer is attached). Time spent paused because imagegate
 * itself is busy (backpressure) is not a stall; only silence while we are ready to read is.
 */
export function watchForStall(stream: Readable, ms: number, stalled: () => Error): void {
  const socket = (stream as Partial<IncomingMessage>).socket;
  if (!socket) return;
  let lastBytes = socket.bytesRead;
  let quietSince = Date.now();
  const timer = setInterval(
    () => {
      const bytes = socket.bytesRead;
      if (bytes !== lastBytes || stream.readableFlowing === false) {
        lastBytes = bytes;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= ms) {
        stop();
        stream.destroy(stalled());
      }
    },
    Math.min(1000, ms),
  );
  const stop = (): void => clearInterval(timer);
  stream.once('close', stop);
  stream.once('end', stop);
  stream.once('error', stop);
}
