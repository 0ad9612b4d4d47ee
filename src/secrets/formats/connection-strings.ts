// Passwords inside database and service connection strings: JDBC URLs, ODBC/ADO.NET key=value
// strings, Azure Service Bus / Event Hubs SharedAccessKey.
import { isPlaceholder } from '../placeholders.js';
import { Priority, type RawMatch } from '../types.js';
import type { FormatDetector } from './token.js';

/** Some other setting of a connection string, earlier on the same line: says the `Password=` is one. */
const CONNECTION_MARKER =
  /jdbc:|odbc:|(?:^|[;"'\s])(?:Server|Data Source|Host|Hostname|Address|Addr|Database|Initial Catalog|User ID|UserID|User|Username|UID|Driver|Provider|DSN|Port|Endpoint|AccountName|SharedAccessKeyName|DefaultEndpointsProtocol)\s*=|[?&;](?:user|username)=/i;

/** Value: ODBC braces {…} (may contain ;), quotes, or a run up to the next separator. */
const VALUE = /\{([^}\n]{1,256})\}|"([^"\n]{1,256})"|'([^'\n]{1,256})'|([^;&"'\s<>\\]{1,256})/y;

// Reference: Microsoft docs, "Connection string syntax" (ADO.NET: `Password=`/`Pwd=`, values
// in quotes or braces), ODBC SQLDriverConnect (`PWD=`), the Microsoft JDBC Driver for SQL Server
// "Setting the connection properties" and MySQL Connector/J "Connection URL Syntax" (`password=`),
// Azure Service Bus "SAS authentication" (`SharedAccessKeyName=…;SharedAccessKey=…`).
export const connectionStringPassword: FormatDetector = {
  trigger: '(?:[Pp]assword|PASSWORD|[Pp]wd|PWD|SharedAccessKey)=',
  info: {
    id: 'connection-string-password',
    title: 'Password in connection string',
    severity: 'error',
    keywords: ['password=', 'Password=', 'PASSWORD=', 'pwd=', 'Pwd=', 'PWD=', 'SharedAccessKey='],
    summary:
      'Password=/Pwd=/SharedAccessKey= of a JDBC URL or an ODBC/ADO.NET/Azure connection string, when another setting of the string (Server=, Host=, User ID=, jdbc:, Endpoint=, …) sits on the same line. Ignores placeholders, {0}/%s/${…} templates and empty values.',
  },
  detect(text: string, at: number, out: RawMatch[]): void {
    const before = text.charCodeAt(at - 1);
    // `;Password=`, `?password=`, `&password=`, `"Password=`, or the start of a line/value.
    if (at > 0 && !/[;?&"'\s]/.test(String.fromCharCode(before))) return;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const head = text.slice(Math.max(lineStart, at - 512), at);
    if (!CONNECTION_MARKER.test(head)) return;
    const eq = text.indexOf('=', at);
    VALUE.lastIndex = eq + 1;
    const m = VALUE.exec(text);
    if (m === null) return;
    const value = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
    if (value.length < 3 || isPlaceholder(value) || /\{\d+\}|%[sd]/.test(value)) return;
    const shared = text.startsWith('SharedAccessKey=', at);
    out.push({
      kind: 'connection-string-password',
      title: shared ? 'Shared access key in connection string' : 'Password in connection string',
      secret: value,
      index: eq + 1 + (m[4] === undefined ? 1 : 0),
      priority: Priority.generic,
    });
  },
};
