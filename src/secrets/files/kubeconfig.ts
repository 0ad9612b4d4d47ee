// kubeconfig: the credentials kubectl and client libraries use to reach a cluster's API server.
import { isPlaceholder, unquote } from '../placeholders.js';
import type { LineParser } from '../text-scanner.js';
import { Priority } from '../types.js';

// Reference: Kubernetes docs, "Organizing Cluster Access Using kubeconfig Files" and the
// client-go clientcmd v1 Config type (users[].user: token, client-key-data — base64 of a PEM
// private key —, username/password, and auth-provider config client-secret, id-token and
// refresh-token).
const CREDENTIAL = /^(\s*(?:-\s+)?)(token|client-key-data|password|client-secret|id-token|refresh-token|access-token)(\s*:\s*)(\S.*?)\s*$/;

/** client-key-data must decode to a PEM private key; anything else is not what it claims to be. */
function isEncodedPrivateKey(value: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  return /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(Buffer.from(value.slice(0, 200), 'base64').toString('latin1'));
}

export function kubeconfigParser(): LineParser {
  return {
    parse(line, out) {
      const m = CREDENTIAL.exec(line);
      if (m === null) return;
      const [, indent = '', field = '', separator = '', raw = ''] = m;
      const value = unquote(raw);
      if (value.length < 8 || isPlaceholder(value)) return;
      if (field === 'client-key-data' && !isEncodedPrivateKey(value)) return;
      out.push({
        kind: 'kubeconfig-credential',
        title: field === 'client-key-data' ? 'Client key in kubeconfig' : 'Credential in kubeconfig',
        secret: value,
        index: indent.length + field.length + separator.length + raw.indexOf(value),
        priority: Priority.file,
      });
    },
  };
}
