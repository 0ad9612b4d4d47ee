// Fitting text to a terminal: word wrapping that never breaks mid-word (unless a word alone is wider
// than the line), and step labels shortened where they say least.

/**
 * Wraps `text` to lines of at most `width` characters: the first line after `first` (already
 * printed, counted in the width), the others after `indent`. Works on plain text; callers style the
 * pieces afterwards so escape codes never count as width.
 */
export function wrapWords(text: string, width: number, firstUsed: number, indent: number): string[] {
  const lines: string[] = [];
  let line = '';
  let room = Math.max(20, width - firstUsed);
  for (const word of text.split(/ +/)) {
    let rest = word;
    while (rest.length > 0) {
      const sep = line === '' ? '' : ' ';
      if (line.length + sep.length + rest.length <= room) {
        line += sep + rest;
        rest = '';
      } else if (line === '') {
        // A word wider than a whole line (a path, a digest) is cut where the line ends.
        line = rest.slice(0, room);
        rest = rest.slice(room);
      }
      if (rest.length > 0) {
        lines.push(line);
        line = '';
        room = Math.max(20, width - indent);
      }
    }
  }
  lines.push(line);
  return lines;
}

/**
 * A Dockerfile step as a short label. Content digests of COPY/ADD sources (`file:<64 hex>`) say
 * nothing to a reader and are shortened first; what is left too long loses its middle, because the
 * start names the instruction and the end names where it put its files ("… in /home/app/.aws/").
 */
export function shortStep(step: string, max: number): string {
  const text = step.replace(/\b(file|dir|multi):([0-9a-f]{12})[0-9a-f]{52}\b/g, '$1:$2…');
  if (text.length <= max) return text;
  const head = Math.ceil((max - 1) * 0.4);
  const tail = max - 1 - head;
  return `${text.slice(0, head)}…${text.slice(text.length - tail)}`;
}

/** The width to wrap the text report to: the terminal's, else 80 columns. */
export function reportWidth(stream: { isTTY?: boolean; columns?: number }): number {
  return stream.isTTY && stream.columns !== undefined && stream.columns >= 40 ? stream.columns : 80;
}
