// Live progress on stderr: redrawn in place on a terminal, a plain line every 10 s otherwise,
// nothing with --quiet. Reports, not progress, go to stdout, so piping a report stays clean.
import type { ProgressSink } from '../engine/check-image.js';
import { plural } from '../core/plural.js';

const REDRAW_MS = 200;
const PLAIN_EVERY_MS = 10_000;

interface ImageProgress {
  started: number;
  bytes: number;
  layers: number;
}

export class Progress implements ProgressSink {
  private readonly images = new Map<string, ImageProgress>();
  private timer: NodeJS.Timeout | undefined;
  private drawn = false;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly tty: boolean,
  ) {}

  start(reference: string): void {
    this.images.set(reference, { started: Date.now(), bytes: 0, layers: 0 });
    this.timer ??= setInterval(() => this.render(), this.tty ? REDRAW_MS : PLAIN_EVERY_MS).unref();
  }

  bytes(reference: string, count: number): void {
    const image = this.images.get(reference);
    if (image) image.bytes += count;
  }

  layer(reference: string): void {
    const image = this.images.get(reference);
    if (image) image.layers++;
  }

  done(reference: string): void {
    this.images.delete(reference);
    if (this.images.size === 0) this.stop();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.tty && this.drawn) this.out.write('\r\x1b[K');
    this.drawn = false;
  }

  private render(): void {
    if (this.images.size === 0) return;
    const now = Date.now();
    const parts = [...this.images].map(([reference, image]) => {
      const seconds = Math.max((now - image.started) / 1000, 0.001);
      const mb = image.bytes / 1e6;
      if (image.bytes === 0) return `${reference}: waiting for data (${seconds.toFixed(0)} s; an engine prepares its export first)`;
      return `${reference}: ${plural(image.layers, 'layer')}, ${mb.toFixed(0)} MB read, ${(mb / seconds).toFixed(0)} MB/s`;
    });
    if (this.tty) {
      const width = this.out.columns || 120;
      const line = `imagegate: ${parts.join(' | ')}`;
      this.out.write(`\r\x1b[K${line.length > width - 1 ? `${line.slice(0, width - 2)}…` : line}`);
      this.drawn = true;
    } else {
      for (const part of parts) this.out.write(`imagegate: ${part}\n`);
    }
  }
}
