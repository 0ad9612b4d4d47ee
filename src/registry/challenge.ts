// Parses WWW-Authenticate challenges (RFC 7235) as registries send them:
//   Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull"
//   Basic realm="Registry Realm"

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined;
  const match = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(header);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  const pattern = /([A-Za-z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;
  for (const param of match[2]!.matchAll(pattern))
    params[param[1]!.toLowerCase()] = param[2] !== undefined ? param[2].replace(/\\(.)/g, '$1') : param[3]!;
  return { scheme: match[1]!.toLowerCase(), params };
}
