// The report's stylesheet: inline (the page must work from file:// and as a CI artifact, with no
// network), allowed by its hash in the Content-Security-Policy. Light and dark follow the system.
export const PAGE_STYLE = `
:root{--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--panel:#f6f8fa;--accent:#0969da;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#8d96a0;--line:#30363d;--panel:#161b22;--accent:#4493f8;--ok:#3fb950;--bad:#f85149;--warn:#d29922}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif}
header,main{max-width:1400px;margin:0 auto;padding:12px 16px}
header{border-bottom:1px solid var(--line)}
h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.2em;margin:1.4em 0 .4em}h3{font-size:1.05em;margin:1.2em 0 .3em}
a{color:var(--accent)}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em;overflow-wrap:break-word}
td code{word-break:break-word}
td.nowrap code{white-space:nowrap}
.verdict-0{color:var(--ok)}.verdict-1{color:var(--bad)}.verdict-2{color:var(--warn)}
.pill{display:inline-block;padding:0 .5em;border-radius:1em;border:1px solid var(--line);white-space:nowrap}
.sev-error{color:var(--bad);font-weight:600}.sev-warning{color:var(--warn);font-weight:600}.sev-info{color:var(--muted)}
.res-passed{color:var(--ok)}.res-failed{color:var(--bad)}.res-unchecked{color:var(--warn)}
.cards{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.card{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:6px 12px;min-width:7em}
.card b{display:block;font-size:1.4em}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;margin:4px 0 12px}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--panel);position:sticky;top:0}
td.num,th.num{text-align:right;white-space:nowrap}
th button{all:unset;cursor:pointer;font-weight:600}
th button:focus-visible,.zoomable:focus-visible,button:focus-visible,select:focus-visible,input:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
th[aria-sort=ascending] button::after{content:" \\25B2"}th[aria-sort=descending] button::after{content:" \\25BC"}
.filters{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:end;margin:8px 0}
.filters label{display:flex;flex-direction:column;font-size:.9em;color:var(--muted)}
select,input,button{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:3px 6px}
.image{border-top:2px solid var(--line);margin-top:2em}
dl.meta{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:2px 12px;margin:6px 0}
dl.meta dt{color:var(--muted)}dl.meta dd,dl.meta code{margin:0;overflow-wrap:anywhere}
svg{display:block;width:100%;height:auto;max-width:100%}
svg text{font:11px system-ui,sans-serif;fill:#111;pointer-events:none}
.zoomable{cursor:zoom-in}
svg.icicle{min-width:640px}
.swatch{display:inline-block;width:.9em;height:.9em;vertical-align:-.1em}
.note{color:var(--muted);font-size:.9em}
nav ul{display:flex;flex-wrap:wrap;gap:4px 12px;padding:0;list-style:none;margin:6px 0}
@media (max-width:700px){body{font-size:13px}header,main{padding:8px}th,td{padding:3px 4px}.hide-narrow{display:none}}
`;
