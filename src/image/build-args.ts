// Build args as the builders record them in history: "|<n> KEY=value … /bin/sh -c …" (classic builder and BuildKit).
const BUILD_ARGS = /^(?:RUN )?\|(\d+) /;

/** Reads the "|n K=V K=V" prefix; values are unquoted and end at the next space, as the builders write them. */
export function buildArgs(createdBy: string): { key: string; value: string }[] {
  const head = BUILD_ARGS.exec(createdBy);
  if (!head) return [];
  const words = createdBy.slice(head[0].length).split(' ');
  const args: { key: string; value: string }[] = [];
  for (const word of words.slice(0, Number(head[1]))) {
    const eq = word.indexOf('=');
    if (eq > 0) args.push({ key: word.slice(0, eq), value: word.slice(eq + 1) });
  }
  return args;
}
