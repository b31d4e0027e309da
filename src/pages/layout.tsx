import type { Child } from "hono/jsx";
import { raw } from "hono/html";

/** The shell of every page: readable on a phone, no external assets, works without JavaScript. */
export function Page(props: { title: string; children: Child; script?: string }) {
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${props.title} · Backend Weekly`}</title>
          <link rel="icon" href="data:," />
          <style>{raw(PAGE_CSS)}</style>
        </head>
        <body>
          <header class="site">
            <a href="/" class="brand">
              Backend Weekly
            </a>
          </header>
          <main id="main">{props.children}</main>
          <footer class="site">Remote backend jobs, verified and matched, once a week. No account, no tracking.</footer>
          {props.script ? <script>{raw(props.script)}</script> : null}
        </body>
      </html>
    </>
  );
}

/** The site's stylesheet, inline (no external assets); allowed by its hash in http/csp.ts. */
export const PAGE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;background:#f4f5f7;overflow-wrap:break-word}
a{color:#4338ca;text-underline-offset:2px}a:hover{color:#312e81}a:visited{color:#5b21b6}
header.site,footer.site,main{max-width:44rem;margin:0 auto;padding:1rem}
footer.site{color:#4b5563;font-size:.875rem}
.brand,.brand:visited{color:#4338ca;font-weight:700;text-decoration:none;letter-spacing:.02em}
/* A link standing alone on its line is as easy to tap as a button (44 px); links in a sentence keep the line's height. */
.brand,.alone,.error-summary li a,ol.listings h2 a,table.outbox td a{display:inline-flex;align-items:center;min-height:44px}
main{background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:1.5rem}
h1{font-size:1.6rem;line-height:1.25;margin:.2rem 0 1rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
fieldset{border:1px solid #e5e7eb;border-radius:8px;margin:0 0 1rem;padding:.75rem 1rem}
legend{font-weight:600;padding:0 .25rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
.hint{color:#4b5563;font-size:.875rem;margin:.1rem 0 .4rem;font-weight:400}
input[type=email],input[type=text],input[type=number],select{width:100%;min-height:44px;padding:.6rem .7rem;font:inherit;border:1px solid #6b7280;border-radius:6px;background:#fff}
/* Borders and focus rings need 3:1 against what is around them (WCAG 1.4.11): #6b7280 is 4.8:1 on white, the ring 7.9:1. */
input:focus,select:focus,button:focus,a:focus-visible,summary:focus-visible{outline:3px solid #4338ca;outline-offset:2px}
.choices{display:flex;flex-wrap:wrap;gap:.35rem 1rem}
.choices label{font-weight:400;display:flex;align-items:center;gap:.4rem;margin:.2rem 0;min-height:44px}
.choices input{width:1.15rem;height:1.15rem;flex:none}
.row{display:grid;grid-template-columns:1fr;gap:0 1rem}
@media(min-width:36rem){.row{grid-template-columns:1fr 1fr}}
button,.button,.button:visited{display:inline-block;background:#4338ca;color:#fff;border:0;border-radius:6px;padding:.75rem 1.25rem;font:inherit;font-weight:600;cursor:pointer;min-height:44px;text-decoration:none}
button.secondary{background:#e5e7eb;color:#111827}
/* Forced colours (Windows contrast themes) replace the fill, so a borderless button read as plain text. */
@media(forced-colors:active){button,.button{border:1px solid}}
.error-summary{border:2px solid #b91c1c;border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem;background:#fef2f2}
.error-summary h2{margin:0 0 .25rem;color:#991b1b}
.field-error{color:#b91c1c;font-weight:600;font-size:.9rem;margin:.2rem 0}
.notice{background:#eef2ff;border-radius:8px;padding:.75rem 1rem}
dl.summary{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}
dl.summary dt{font-weight:600}
dl.summary dd{margin:0}
.visually-hidden{position:absolute!important;left:-10000px;width:1px;height:1px;overflow:hidden}
ol.listings{list-style:none;margin:0;padding:0}
/* Text from job sources and subscribers may hold a word wider than a phone: it wraps rather than widening the page. */
ol.listings li,dl.summary dd,.notice{overflow-wrap:anywhere}
ol.listings li{border:1px solid #e5e7eb;border-radius:8px;margin:0 0 .75rem;padding:.9rem 1rem}
ol.listings h2{font-size:1.05rem;margin:0 0 .15rem}ol.listings h2 a{color:#111827;text-decoration:none}
ol.listings p{margin:0;font-size:.95rem}ol.listings .posted{color:#4b5563;font-size:.875rem}
ol.listings .why{background:#f3f4f6;border-radius:4px;color:#374151;font-size:.875rem;margin:.5rem 0 0;padding:.25rem .5rem}
ol.listings .button{margin-top:.6rem;font-size:.9rem;padding:.6rem 1.1rem}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4rem;border-bottom:1px solid #e5e7eb;vertical-align:top}
table.outbox td{overflow-wrap:anywhere}
@media(max-width:30rem){dl.summary{grid-template-columns:1fr;gap:0}dl.summary dd{margin-bottom:.5rem}
table.outbox thead{position:absolute;left:-10000px}table.outbox tr{display:flex;flex-direction:column;border-bottom:1px solid #e5e7eb;padding:.4rem 0}
table.outbox td{border:0;padding:.1rem 0}table.outbox td:last-child{order:-1;font-weight:600}}
`;
