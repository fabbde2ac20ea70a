#!/usr/bin/env node
// Lighthouse scores of each page template, desktop and mobile, on a local copy of the site.
//
//   cd benchmarks && npm ci && node lighthouse.mjs [--site DIR] [--runs N]
//
// Without --site it builds the handbook with ../.venv/bin/mkdocs into a temporary folder.
// The site is served on 127.0.0.1 with gzip and a 10-minute cache, as GitHub Pages serves it.
// Chromium: CHROME_PATH (default /usr/bin/chromium), run --headless=new --no-sandbox.
// With --runs N each score is the median of N runs. A benchmark tool, not part of the tests.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig } from "lighthouse";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..");
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml",
  ".png": "image/png", ".ico": "image/x-icon", ".webmanifest": "application/manifest+json",
  ".woff2": "font/woff2", ".txt": "text/plain",
};

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at > -1 ? process.argv[at + 1] : fallback;
}

function buildSite() {
  const site = mkdtempSync(join(tmpdir(), "handbook-lighthouse-"));
  const mkdocs = join(ROOT, ".venv", "bin", "mkdocs");
  if (!existsSync(mkdocs)) throw new Error("no .venv: run `python3 dev.py test` first");
  execFileSync(mkdocs, ["build", "--strict", "-q", "--site-dir", site], {
    cwd: ROOT, stdio: "inherit", env: { ...process.env, NO_MKDOCS_2_WARNING: "1" },
  });
  return site;
}

// The page of each template, found in the built site (directory URLs).
function templates(site) {
  const first = (dir) => {
    const full = join(site, dir);
    if (!existsSync(full)) return null;
    const names = readdirSync(full).filter((n) => existsSync(join(full, n, "index.html"))).sort();
    return names.length ? `${dir}/${names[0]}/` : null;
  };
  const pages = { home: "", "skill page": first("skills"), catalogue: "catalogue/",
    path: "path/", "self-assessment": "you/self-assessment/" };
  return Object.entries(pages).filter(([, url]) => url !== null
    && existsSync(join(site, url, "index.html")));
}

function serve(site) {
  const root = resolve(site);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://127.0.0.1").pathname);
    let file = resolve(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) { response.writeHead(403).end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!path.endsWith("/")) { response.writeHead(301, { Location: `${path}/` }).end(); return; }
      file = join(file, "index.html");
    }
    if (!existsSync(file)) { response.writeHead(404).end("not found"); return; }
    let body = readFileSync(file);
    const type = TYPES[extname(file)] || "application/octet-stream";
    const headers = { "Content-Type": type, "Cache-Control": "max-age=600" };
    if (/^(text|application\/(json|xml|manifest)|image\/svg)/.test(type)
        && /gzip/.test(request.headers["accept-encoding"] || "")) {
      body = gzipSync(body, { level: 6 });
      headers["Content-Encoding"] = "gzip";
    }
    headers["Content-Length"] = body.length;
    response.writeHead(200, headers).end(body);
  });
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done(server)));
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main() {
  const given = option("--site", null);
  const site = given ? resolve(given) : buildSite();
  const runs = Number(option("--runs", "1"));
  const server = await serve(site);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
  });
  const rows = [];
  try {
    for (const [name, url] of templates(site)) {
      for (const [form, config] of [["desktop", desktopConfig], ["mobile", undefined]]) {
        const scores = Object.fromEntries(CATEGORIES.map((c) => [c, []]));
        const failed = new Set();
        for (let i = 0; i < runs; i++) {
          const result = await lighthouse(
            base + url,
            { port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES },
            config,
          );
          for (const c of CATEGORIES) scores[c].push(Math.round(result.lhr.categories[c].score * 100));
          for (const audit of Object.values(result.lhr.audits)) {
            if (audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== "informative"
                && audit.scoreDisplayMode !== "manual" && audit.scoreDisplayMode !== "notApplicable") {
              failed.add(`${audit.id}${audit.displayValue ? ` (${audit.displayValue})` : ""}`);
            }
          }
        }
        const row = [name, form, ...CATEGORIES.map((c) => median(scores[c]))];
        rows.push([...row, [...failed].slice(0, 6).join("; ")]);
        console.error(`${name} ${form}: ${row.slice(2).join(" / ")}`);
      }
    }
  } finally {
    await chrome.kill();
    server.close();
    if (!given) rmSync(site, { recursive: true, force: true });
  }
  console.log(`| Page | Form | Performance | Accessibility | Best practices | SEO | Below 1 |`);
  console.log(`| --- | --- | ---: | ---: | ---: | ---: | --- |`);
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
