#!/usr/bin/env node
// Lighthouse scores of each page template, desktop and mobile, on a local copy of the site.
//
//   cd benchmarks && npm ci && node lighthouse.mjs [--site DIR] [--runs N] [--stock]
//                                [--forms desktop,mobile] [--only "practice,review"]
//                                [--throttling simulate|devtools] [--save DIR]
//
// Without --site it builds the handbook with ../.venv/bin/mkdocs into a temporary folder.
// The site is served on 127.0.0.1 with gzip and a 10-minute cache, as GitHub Pages serves it.
// Chromium: CHROME_PATH (default /usr/bin/chromium), run --headless=new --no-sandbox.
// With --runs N each score is the median of N runs. A benchmark tool, not part of the tests.
//
// --stock also builds a "stock Material" twin of the same pages: `handbook render` writes every
// page as plain Markdown with an mkdocs.yml without hooks, from which our extra_css,
// extra_javascript and theme custom_dir (overrides/) are removed; built with ../.venv/bin/mkdocs.
// The same pages of both sites are measured alternately (ours, stock, ours, stock, ...) and the
// table prints "ours / stock" medians, total blocking time included.
// --forms limits the form factors, --only the templates (comma-separated names as printed).
// --throttling devtools slows the page for real (CPU 4x on mobile, network as Lighthouse's
// presets) instead of Lighthouse's default simulation, which replays an unthrottled load and
// decides from it which script ran before the first paint: a race of a few milliseconds that
// moves a whole long task in or out of total blocking time.
// --save DIR writes each run's full Lighthouse report there as JSON (page-form-side-run.json),
// to read what the simulation placed where (metrics, main-thread tasks, network requests).
// The 1-minute load average (os.loadavg) is printed at the start and at the end. "Elements" is
// Lighthouse's count of the page's elements once it has settled (its dom-size audit).

import { execFileSync } from "node:child_process";
import {
  existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync,
} from "node:fs";
import { createServer } from "node:http";
import { cpus, loadavg, tmpdir } from "node:os";
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

// mkdocs.yml of `handbook render` without our CSS, our JavaScript and our theme overrides:
// drops the top-level keys extra_css and extra_javascript (block or flow style, with their
// continuation lines) and the custom_dir key inside theme:. A line-based rewrite, because the
// file has tags (!ENV, !!python/name) that a plain YAML load/dump would not keep.
function stockConfig(text) {
  const out = [];
  let skipping = false;
  let inTheme = false;
  let themeIndent = null;
  let droppedCustomDir = false;
  for (const line of text.split("\n")) {
    const top = /^([A-Za-z_][\w-]*)\s*:/.exec(line);
    if (top) {
      skipping = top[1] === "extra_css" || top[1] === "extra_javascript";
      inTheme = top[1] === "theme";
      themeIndent = null;
      if (skipping) continue;
      out.push(line);
      continue;
    }
    const continuation = line.trim() === "" || /^[\s#-]/.test(line);
    if (skipping && continuation) continue;
    if (inTheme && line.trim() !== "" && !line.trim().startsWith("#")) {
      const indent = /^\s*/.exec(line)[0].length;
      if (themeIndent === null) themeIndent = indent;
      if (indent === themeIndent && /^\s*custom_dir\s*:/.test(line)) {
        droppedCustomDir = true;
        continue;
      }
    }
    out.push(line);
  }
  const result = out.join("\n");
  if (/^(extra_css|extra_javascript)\s*:/m.test(result) || /^\s+custom_dir\s*:/m.test(result)) {
    throw new Error("stock mkdocs.yml still names extra_css, extra_javascript or custom_dir");
  }
  return { text: result, droppedCustomDir };
}

// The stock-Material twin: `handbook render` into a temporary folder, our CSS/JS/overrides
// taken out of its mkdocs.yml, built with MkDocs (not strict: links to files the hook writes
// after a build, such as feed.xml, do not exist in the twin).
function buildStock() {
  const work = mkdtempSync(join(tmpdir(), "handbook-lighthouse-stock-"));
  const tree = join(work, "tree");
  const site = join(work, "site");
  const python = join(ROOT, ".venv", "bin", "python");
  const mkdocs = join(ROOT, ".venv", "bin", "mkdocs");
  const env = { ...process.env, NO_MKDOCS_2_WARNING: "1" };
  execFileSync(python, ["-m", "handbook_engine.cli", "render", "--out", tree], {
    cwd: ROOT, stdio: "inherit",
    env: { ...env, PYTHONPATH: [join(ROOT, "hooks"), process.env.PYTHONPATH].filter(Boolean).join(":") },
  });
  const configFile = join(tree, "mkdocs.yml");
  const { text } = stockConfig(readFileSync(configFile, "utf-8"));
  writeFileSync(configFile, text.replace(/^strict:.*$/m, "strict: false"));
  rmSync(join(tree, "overrides"), { recursive: true, force: true });
  execFileSync(mkdocs, ["build", "-q", "--site-dir", site], { cwd: tree, stdio: "inherit", env });
  const index = readFileSync(join(site, "index.html"), "utf-8");
  if (/handbook\.css|handbook\.js|hb-redirects/.test(index)) {
    throw new Error("the stock twin still loads our CSS, JavaScript or overrides");
  }
  return { site, work };
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
    path: "path/", "self-assessment": "you/self-assessment/", practice: "practice/",
    review: "you/review/", "interview questions": "playbook/interview-questions/", roadmap: "roadmap/",
    progress: "you/progress/" };
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

const SAVE_DIR = option("--save", null); // where each run's report goes, if anywhere (made if new)
if (SAVE_DIR) mkdirSync(SAVE_DIR, { recursive: true });

const load1 = () => loadavg()[0].toFixed(2);

// One Lighthouse run: the four scores, total blocking time (ms) and the audits below 1.
async function measure(port, url, config, saveAs) {
  const result = await lighthouse(
    url, { port, output: "json", logLevel: "error", onlyCategories: CATEGORIES }, config,
  );
  const { lhr } = result;
  if (SAVE_DIR) writeFileSync(join(SAVE_DIR, `${saveAs.replace(/\W+/g, "-")}.json`), result.report);
  const failed = [];
  for (const audit of Object.values(lhr.audits)) {
    if (audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== "informative"
        && audit.scoreDisplayMode !== "manual" && audit.scoreDisplayMode !== "notApplicable") {
      failed.push(`${audit.id}${audit.displayValue ? ` (${audit.displayValue})` : ""}`);
    }
  }
  return {
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(lhr.categories[c].score * 100)])),
    tbt: lhr.audits["total-blocking-time"].numericValue,
    // elements in the page once it has settled (what our scripts added included)
    elements: lhr.audits["dom-size"]?.numericValue ?? 0,
    failed,
    version: lhr.lighthouseVersion,
    agent: lhr.environment?.hostUserAgent,
  };
}

function summary(results) {
  const failed = new Set(results.flatMap((r) => r.failed));
  return {
    ...Object.fromEntries(CATEGORIES.map((c) => [c, median(results.map((r) => r.scores[c]))])),
    tbt: Math.round(median(results.map((r) => r.tbt))),
    elements: Math.round(median(results.map((r) => r.elements))),
    all: results.map((r) => r.scores.performance),
    failed: [...failed].slice(0, 6).join("; "),
    allFailed: [...failed].join("; "),
  };
}

async function main() {
  if (process.argv.includes("--help")) {
    // the usage is the comment at the top of this file
    console.log(readFileSync(fileURLToPath(import.meta.url), "utf-8").split("\n\n")[0]
      .split("\n").filter((l) => l.startsWith("//")).map((l) => l.slice(3)).join("\n"));
    return;
  }
  const started = Date.now();
  const loadStart = load1();
  console.error(`1-minute load average at start: ${loadStart} (${cpus().length} CPUs)`);
  const given = option("--site", null);
  const runs = Number(option("--runs", "1"));
  const withStock = process.argv.includes("--stock");
  const forms = option("--forms", "desktop,mobile").split(",").map((f) => f.trim());
  const only = option("--only", null)?.split(",").map((n) => n.trim());
  // what was built: the tree changes while others work, so name the commit and the edits
  const git = (...args) => execFileSync("git", args, { cwd: ROOT, encoding: "utf-8" }).trim();
  let source = "not a git checkout";
  try {
    const changed = git("status", "--porcelain").split("\n").filter(Boolean).length;
    source = `commit ${git("rev-parse", "--short", "HEAD")}, ${changed} changed or new files in the `
      + `working tree, built at ${new Date().toISOString().slice(11, 19)} UTC`;
  } catch { /* no git */ }
  const site = given ? resolve(given) : buildSite();
  const stock = withStock ? buildStock() : null;
  const server = await serve(site);
  const stockServer = stock ? await serve(stock.site) : null;
  const base = `http://127.0.0.1:${server.address().port}/`;
  const stockBase = stock ? `http://127.0.0.1:${stockServer.address().port}/` : null;
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
  });
  const rows = [];
  let version = null;
  let agent = null;
  try {
    const pages = templates(site).filter(([name]) => !only || only.includes(name));
    for (const [name, url] of pages) {
      const stockHas = stock && existsSync(join(stock.site, url, "index.html"));
      if (stock && !stockHas) console.error(`${name}: ${url} is not in the stock twin`);
      const throttling = option("--throttling", "simulate");
      const withThrottling = (base) => ({
        ...base, extends: "lighthouse:default",
        settings: { ...(base?.settings || {}), throttlingMethod: throttling },
      });
      for (const [form, config] of [["desktop", withThrottling(desktopConfig)], ["mobile", withThrottling(undefined)]]) {
        if (!forms.includes(form)) continue;
        const ours = [];
        const theirs = [];
        for (let i = 0; i < runs; i++) {
          // alternate, so that a change of load hits both sides alike
          ours.push(await measure(chrome.port, base + url, config, `${name}-${form}-ours-${i}`));
          if (stockHas) {
            theirs.push(await measure(chrome.port, stockBase + url, config, `${name}-${form}-stock-${i}`));
          }
          ({ version, agent } = ours[ours.length - 1]);
        }
        const row = { name, form, ours: summary(ours), stock: stockHas ? summary(theirs) : null };
        rows.push(row);
        const show = (s) => `${CATEGORIES.map((c) => s[c]).join("/")} TBT ${s.tbt} ms, ${s.elements} elements (perf runs ${s.all.join(",")})`;
        console.error(`${name} ${form}: ours ${show(row.ours)}${row.stock ? `; stock ${show(row.stock)}` : ""}`);
        if (row.stock) console.error(`  stock below 1: ${row.stock.allFailed}`);
      }
    }
  } finally {
    await chrome.kill();
    server.close();
    stockServer?.close();
    if (!given) rmSync(site, { recursive: true, force: true });
    if (stock) rmSync(stock.work, { recursive: true, force: true });
  }
  const loadEnd = load1();
  const minutes = ((Date.now() - started) / 60000).toFixed(1);
  console.log(`Lighthouse ${version}; ${agent}`);
  console.log(`Ours: ${given ? `--site ${given}` : source}`);
  console.log(`Runs per cell: ${runs} (median); forms: ${forms.join(", ")}; throttling: ${option("--throttling", "simulate")}; ${minutes} min`);
  console.log(`1-minute load average: start ${loadStart}, end ${loadEnd} (${cpus().length} CPUs)`);
  console.log("");
  if (stock) {
    console.log(`| Page | Form | Performance ours / stock | TBT ms ours / stock | Elements ours / stock | Accessibility ours / stock | Best practices ours / stock | SEO ours / stock | Below 1 (ours) |`);
    console.log(`| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |`);
    for (const { name, form, ours, stock: st } of rows) {
      const pair = (key) => `${ours[key]} / ${st ? st[key] : "-"}`;
      console.log(`| ${name} | ${form} | ${pair("performance")} | ${pair("tbt")} | ${pair("elements")} | ${pair("accessibility")} | ${pair("best-practices")} | ${pair("seo")} | ${ours.failed} |`);
    }
  } else {
    console.log(`| Page | Form | Performance | Accessibility | Best practices | SEO | TBT ms | Elements | Below 1 |`);
    console.log(`| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |`);
    for (const { name, form, ours } of rows) {
      console.log(`| ${name} | ${form} | ${CATEGORIES.map((c) => ours[c]).join(" | ")} | ${ours.tbt} | ${ours.elements} | ${ours.failed} |`);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
