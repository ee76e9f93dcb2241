// `compile --bundle --html`: a page that runs the bundle and shows what the
// program prints. The bundle is inlined (an inline module script), so the page
// also works when opened straight from disk, where browsers refuse to load
// module files. The runtime prints through console.log in a browser; the page
// mirrors each line into a <pre>. `data-status` on <body> ends as "done" or
// "error", for tests and for people.

import { VERSION } from "../../index.js";
import { GENERATED_MARKER } from "../output-guard.js";

export interface PageInput {
  /** The document's file name, for the title and header. */
  readonly sourceName: string;
  readonly bundle: string;
}

const escapeHtml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

// Inside an inline script, `</script` would end the element early.
const inlineScript = (js: string): string => js.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");

const CAPTURE = `
(() => {
  const out = document.getElementById("output");
  const status = (s, text) => { document.body.dataset.status = s; document.getElementById("status").textContent = text; };
  const log = console.log.bind(console);
  console.log = (...args) => { out.textContent += args.map(String).join(" ") + "\\n"; log(...args); };
  const fail = (e) => {
    const err = document.getElementById("error");
    err.hidden = false;
    err.textContent = (e && e.name ? e.name + ": " : "") + (e && e.message ? e.message : String(e));
    status("error", "failed");
  };
  window.addEventListener("error", (ev) => fail(ev.error ?? ev.message));
  window.addEventListener("unhandledrejection", (ev) => fail(ev.reason));
  // The runtime computes on its CPU backend; the note says whether this browser offers a WebGPU adapter.
  const backend = document.getElementById("backend");
  backend.textContent = "CPU";
  if (navigator.gpu) navigator.gpu.requestAdapter().then((a) => { if (a) backend.textContent = "CPU (WebGPU adapter available)"; }, () => {});
  window.__pyt2tsDone = () => { if (document.body.dataset.status === "running") status("done", "finished"); };
})();
`;

export function renderPage(p: PageInput): string {
  const title = escapeHtml(p.sourceName);
  return `<!doctype html>
<!-- ${GENERATED_MARKER} ${VERSION} from ${title}. Edit the Python source, not this file. -->
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — pyt2ts</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
  header { display: flex; gap: 1.5rem; align-items: baseline; flex-wrap: wrap; }
  h1 { font-size: 1.2rem; margin: 0; }
  .meta { color: #666; font-size: 0.9rem; }
  pre { background: #f6f8fa; padding: 1rem; border-radius: 6px; overflow-x: auto; font: 0.9rem/1.4 ui-monospace, monospace; }
  #error { color: #b00020; }
</style>
</head>
<body data-status="running">
<header><h1>${title}</h1><span class="meta">backend: <span id="backend"></span></span><span class="meta" id="status">running…</span></header>
<pre id="output"></pre>
<pre id="error" hidden></pre>
<script>${CAPTURE}</script>
<script type="module">
${inlineScript(p.bundle)}
window.__pyt2tsDone();
</script>
</body>
</html>
`;
}
