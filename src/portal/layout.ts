// The page frame: one stylesheet inline (nonce'd for the CSP), a skip link, navigation, a main
// landmark, readable on a phone (fluid width, 16px text, large targets), colours with AA contrast.
import { type Html, html, raw } from "./html.js";

export interface Frame {
  title: string;
  nonce: string;
  login?: string;
  csrf?: string;
  nav?: { approvals: boolean; admin: boolean };
  current?: "me" | "approvals" | "admin";
  flash?: { kind: "ok" | "error"; text: string } | undefined;
  /** Keep #live current while something is in progress (a PR opening, open, or being applied). */
  watch?: boolean;
}

const CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;background:#fff}
a{color:#0550ae}a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #0969da;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
header{background:#24292f;color:#fff;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:center}
header a{color:#fff}header nav{display:flex;flex-wrap:wrap;gap:1rem;align-items:center}header [aria-current]{font-weight:700;text-decoration:underline}
header form{margin:0}header button{background:none;border:1px solid #fff;color:#fff;padding:.25rem .75rem;border-radius:6px;font:inherit;cursor:pointer}
main{max-width:56rem;margin:0 auto;padding:1rem}h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
section{border:1px solid #d0d7de;border-radius:8px;padding:1rem;margin:0 0 1rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}input,select,textarea{font:inherit;width:100%;max-width:32rem;padding:.5rem;border:1px solid #6e7781;border-radius:6px}
textarea{min-height:5rem}.hint{color:#57606a;font-size:.9rem;margin:.25rem 0}
button.primary,button.danger{font:inherit;margin-top:1rem;padding:.6rem 1.2rem;border-radius:6px;border:1px solid;cursor:pointer;min-height:44px}
button.primary{background:#1f883d;border-color:#1a7f37;color:#fff}button.danger{background:#fff;border-color:#cf222e;color:#a40e26}
.flash{padding:.75rem 1rem;border-radius:6px;margin:0 0 1rem}.flash.ok{background:#dafbe1;border:1px solid #1a7f37}.flash.error{background:#ffebe9;border:1px solid #cf222e}
.badge{display:inline-block;padding:0 .5rem;border-radius:1rem;font-size:.85rem;border:1px solid #6e7781}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #d0d7de;vertical-align:top}td.n,th.n{text-align:right}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(18rem,100%),1fr));gap:1rem;align-items:start}.charts>*{min-width:0}.charts.stack{grid-template-columns:1fr}.charts svg{max-width:100%;height:auto}
figure{margin:0}figcaption{font-size:.9rem;color:#57606a}.scroll{overflow-x:auto}
ul.plain{list-style:none;padding:0;margin:0}ul.plain li{padding:.25rem 0}
`;

/**
 * The one script: while a request is in progress, fetch the page's live part every 3 seconds and
 * swap it in when it changed (the server renders it; an aria-live region announces the change),
 * until the server says nothing is in progress. Without script, reloading shows the same.
 */
const WATCH = `(function(){var box=document.getElementById("live");var t=setInterval(function(){fetch("/live",{credentials:"same-origin"}).then(function(r){if(!r.ok)return;var w=r.headers.get("x-seats-waiting");return r.text().then(function(h){if(h!==box.innerHTML)box.innerHTML=h;if(w==="0")clearInterval(t);});}).catch(function(){});},3000);})();`;

export function page(f: Frame, body: Html): string {
  const nav = f.login
    ? html`<nav aria-label="Portal"><a href="/" ${f.current === "me" ? raw('aria-current="page"') : ""}>My Copilot</a>${f.nav?.approvals ? html`<a href="/approvals" ${f.current === "approvals" ? raw('aria-current="page"') : ""}>Approvals</a>` : ""}${f.nav?.admin ? html`<a href="/admin" ${f.current === "admin" ? raw('aria-current="page"') : ""}>Admin</a>` : ""}<span>Signed in as <strong>${f.login}</strong></span><form method="post" action="/auth/logout"><input type="hidden" name="_csrf" value="${f.csrf ?? ""}"><button type="submit">Sign out</button></form></nav>`
    : html``;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${f.title} · Copilot seats</title><style nonce="${f.nonce}">${raw(CSS)}</style></head>
<body><a class="skip" href="#main">Skip to content</a><header><strong>Copilot seats</strong>${nav}</header>
<main id="main">${f.flash ? html`<p class="flash ${f.flash.kind}" role="${f.flash.kind === "error" ? "alert" : "status"}">${f.flash.text}</p>` : ""}<div id="live" aria-live="polite">${body}</div></main>${f.watch ? html`<script nonce="${f.nonce}">${raw(WATCH)}</script>` : ""}</body></html>`.text;
}
