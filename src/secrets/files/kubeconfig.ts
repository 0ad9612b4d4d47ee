// kubeconfig: the credentials kubectl and client libraries use to reach a cluster's API server.
import { isPlaceholder, unquote } from '../placeholders.js';
import type { LineParser } from '../line-parser.js';
import { Priority } from '../types.js';
import { afterMarker, type CredentialFile } from './credential-file.js';

// Reference: Kubernetes docs, "Organizing Cluster Access Using kubeconfig Files" and the
// client-go clientcmd v1 Config type (users[].user: token, client-key-data — base64 of a PEM
// private key —, username/password, and auth-provider config client-secret, id-token and
// refresh-token).
// `kubectl config view --raw -o json` writes the same fields as JSON members.
const CREDENTIAL = /^(\s*(?:-\s+)?"?)(token|client-key-data|password|client-secret|id-token|refresh-token|access-token)("?\s*:\s*)(\S.*?)\s*,?\s*$/;

/** client-key-data must decode to a PEM private key; anything else is not what it claims to be. */
function isEncodedPrivateKey(value: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  return /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(Buffer.from(value.slice(0, 200), 'base64').toString('latin1'));
}

/**
 * kubeconfig files: ~/.kube/config, kubeadm's /etc/kubernetes/*.conf (admin.conf, kubelet.conf, …),
 * the k3s/RKE2 admin configs, and files named *kubeconfig* that are not source code or docs
 * (kubeconfig, admin.kubeconfig, kubeconfig-prod.yaml — not kubeconfig.go).
 */
const KUBECONFIG_PATH = /\/\.kube\/config$|^\/etc\/kubernetes\/[^/]+\.conf$|^\/etc\/rancher\/(?:k3s\/k3s|rke2\/rke2)\.yaml$/;
const CODE_OR_DOC = /\.(?:go|py|js|mjs|cjs|ts|java|kt|rb|rs|c|h|cc|cpp|cs|php|sh|bash|ps1|md|rst|txt|html|adoc)$/i;
/** Top-level keys kubectl writes before `users:` (it sorts them): clusters, contexts, current-context, kind. */
const KUBECONFIG_MARKER = /^(?:kind:\s*["']?Config["']?\s*$|clusters:\s*$|current-context:|\s*"kind"\s*:\s*"Config")/;

export const kubeconfig: CredentialFile = {
  id: 'kubeconfig-credential',
  title: 'Credential in kubeconfig',
  severity: 'error',
  keywords: [],
  paths:
    '~/.kube/config, /etc/kubernetes/*.conf, k3s/RKE2 admin configs, files named *kubeconfig* (not source code); any YAML file with top-level clusters:/current-context:/kind: Config, any JSON one with "kind": "Config"',
  summary:
    'User token:, password:, client-key-data: (only when it decodes to a PEM private key) and auth-provider client-secret/id-token/refresh-token. Ignores certificate-authority-data, client-certificate-data and templated values.',
  matchesPath: (full, base) => KUBECONFIG_PATH.test(full) || (/kubeconfig/i.test(base) && !CODE_OR_DOC.test(base)),
  sniff: ['yaml', 'json', 'plain', 'ini'],
  parser: (byPath) => afterMarker(KUBECONFIG_MARKER, kubeconfigParser(), byPath, ':'),
};

function kubeconfigParser(): LineParser {
  return {
    parse(line, out) {
      const m = CREDENTIAL.exec(line);
      if (m === null) return;
      const [, indent = '', field = '', separator = '', raw = ''] = m;
      const value = unquote(raw);
      if (value.length < 8 || isPlaceholder(value)) return;
      if (field === 'client-key-data' && !isEncodedPrivateKey(value)) return;
      out.push({
        kind: kubeconfig.id,
        title: field === 'client-key-data' ? 'Client key in kubeconfig' : kubeconfig.title,
        secret: value,
        index: indent.length + field.length + separator.length + raw.indexOf(value),
        priority: Priority.file,
      });
    },
  };
}
