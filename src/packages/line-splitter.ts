// Splits a streamed file into lines without buffering it: only an unfinished line is carried between chunks, up to a cap.

/** Longest line kept: PATH_MAX plus a digest and flags. A longer line is skipped whole (no database writes one). */
export const MAX_LINE = 4096 + 256;

export class LineSplitter {
  /** Copies of the unfinished line's pieces (chunks are not ours to keep). */
  private carry: Buffer[] = [];
  private carried = 0;
  /** The current line outgrew MAX_LINE: drop everything up to its end. */
  private overlong = false;

  constructor(private readonly onLine: (line: Buffer) => void) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      this.finishLine(chunk.subarray(start, nl));
      start = nl + 1;
    }
    if (start < chunk.length) this.hold(chunk.subarray(start));
  }

  /** The last line, when the file does not end with a newline. */
  end(): void {
    if (this.carried > 0 || this.overlong) this.finishLine(Buffer.alloc(0));
  }

  private finishLine(tail: Buffer): void {
    if (this.overlong) {
      this.overlong = false;
    } else if (this.carried === 0) {
      if (tail.length <= MAX_LINE) this.onLine(tail);
    } else if (this.carried + tail.length <= MAX_LINE) {
      this.onLine(Buffer.concat([...this.carry, tail]));
    }
    this.carry = [];
    this.carried = 0;
  }

  private hold(piece: Buffer): void {
    if (this.overlong) return;
    if (this.carried + piece.length > MAX_LINE) {
      this.overlong = true;
      this.carry = [];
      this.carried = 0;
      return;
    }
    this.carry.push(Buffer.from(piece));
    this.carried += piece.length;
  }
}
