#!/usr/bin/env python3
"""Benchmarks of the handbook: build time and memory, hooks overhead, scale, rebuild in
`mkdocs serve`, page weight and a catalogue filter keystroke in Chromium. Prints one Markdown
table.

    python3 benchmarks/run.py            # full run (about 15 to 25 minutes on 2 cores)
    python3 benchmarks/run.py --quick    # smoke run: 1 build each, sizes 200 and 1000

Everything runs in temporary folders (removed at the end) and every server listens on
127.0.0.1 only. Pages are discovered from each built site, never listed by hand.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import mimetypes
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
VENV_PYTHON = ROOT / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _ensure_venv() -> None:
    """Run under .venv's Python (created by dev.py if missing)."""
    if Path(sys.prefix).resolve() == (ROOT / ".venv").resolve():
        return
    sys.path.insert(0, str(ROOT))
    import dev

    dev.ensure_environment("test")  # the browser sections need the test tools
    os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), *sys.argv])  # noqa: S606


if __name__ == "__main__":
    _ensure_venv()

sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "hooks"))

import synthetic  # noqa: E402
import yaml  # noqa: E402

PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks", "data")
# Builds write and reuse the engine's bytecode as Python does by default (MkDocs and Material
# had theirs written when installed); an environment that turns that off would charge the
# hooked build, and it alone, for compiling the engine's source on every build.
ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "NO_MKDOCS_2_WARNING": "1",
}
TEMPLATES = {  # page kind -> where it is in a built site (directory URLs)
    "home": "index.html",
    "skill page": "skills/*/index.html",
    "catalogue": "catalogue/index.html",
    "path": "path/index.html",
    "self-assessment": "you/self-assessment/index.html",
    "progress": "you/progress/index.html",
    "practice": "practice/index.html",
    "review": "you/review/index.html",
    "interview questions": "playbook/interview-questions/index.html",
    "roadmap": "roadmap/index.html",
}
BUILD_TIMEOUT = 1800


# --- results --------------------------------------------------------------------------------


@dataclass
class Table:
    rows: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, section: str, measure: str, value: str) -> None:
        self.rows.append((section, measure, value))
        print(f"  {section} | {measure} | {value}", file=sys.stderr, flush=True)

    def markdown(self) -> str:
        lines = ["| Section | Measure | Result |", "| --- | --- | --- |"]
        lines += [f"| {s} | {m} | {v} |" for s, m, v in self.rows]
        return "\n".join(lines)


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s"


def _mb(kilobytes: float) -> str:
    return f"{kilobytes / 1024:.0f} MB"


def _kb(size: float) -> str:
    return f"{size / 1024:.1f} KB"


def _step(text: str) -> None:
    print(f"== {text}", file=sys.stderr, flush=True)


# --- projects and builds --------------------------------------------------------------------


def copy_project(dest: Path, data: bool = True) -> Path:
    """A copy of the real project (config, docs, overrides, hooks, and data unless told)."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        if part == "data" and not data:
            continue
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(
                source, dest / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
            )
        else:
            shutil.copyfile(source, dest / part)
    return dest


@dataclass
class Build:
    seconds: float
    peak_kb: int  # maximum resident set size of the build process
    # user + system seconds of the build: other work on the machine moves it far less than
    # wall time, so it keeps the A/B ratio readable on a busy machine
    cpu: float


def build(project: Path, site: Path, *, cold: bool = False) -> Build:
    """One `mkdocs build --strict`; wall time, the child's own CPU time and peak RSS (wait4).
    `cold`: nothing an earlier build compiled is found, as on a CI runner's first build: an
    empty temporary folder (no compiled templates) and no bytecode of the project's hooks."""
    if cold:
        for cache in (project / "hooks").rglob("__pycache__"):
            shutil.rmtree(cache)
    with tempfile.TemporaryFile() as output, tempfile.TemporaryDirectory() as empty:
        started = time.perf_counter()
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site)],
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**ENV, "TMPDIR": empty, "PYTHONDONTWRITEBYTECODE": "1"} if cold else ENV,
        )
        watchdog = threading.Timer(BUILD_TIMEOUT, process.kill)
        watchdog.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            watchdog.cancel()
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            output.seek(0)
            text = output.read().decode(errors="replace")
            raise SystemExit(f"build of {project} failed ({process.returncode}):\n{text[-4000:]}")
    return Build(elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)


def write_twin(project: Path, twin: Path) -> int:
    """`twin`: `project` pre-rendered by `handbook render` (every page as the hook hands it to
    MkDocs, mkdocs.yml without hooks), so building it is MkDocs + Material alone. Returns the
    number of pages written."""
    from handbook_engine.static_tree import write_static_tree

    return write_static_tree(project, twin)


# Run in a build process: every event of the project's hooks, and loading the hook module
# (which imports the engine), timed from inside the build. A's whole-build time against B's
# moves by a tenth from one pair to the next on a shared machine; the hooks' own time does not.
_HOOK_TIMER = """
import functools, json, sys, time
from mkdocs.config import config_options
spent = {}
def timed(label, function):
    @functools.wraps(function)  # keeps the event priority MkDocs reads from the function
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.perf_counter() - started
    return wrapper
load = config_options.Hooks._load_hook.__wrapped__
def load_timed(self, name, path):
    module = timed("loading the hook", load)(self, name, path)
    for event in [n for n in vars(module) if n.startswith("on_")]:
        setattr(module, event, timed(event, getattr(module, event)))
    return module
config_options.Hooks._load_hook = load_timed
from mkdocs.__main__ import cli
cli(["build", "--strict", "-q", "--site-dir", sys.argv[1]], standalone_mode=False)
print(json.dumps(spent))
"""


def hook_times(project: Path, site: Path) -> dict[str, float]:
    """Seconds spent in each event of the project's hooks (and loading them) in one build."""
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", _HOOK_TIMER, str(site)],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"timed build of {project} failed:\n{done.stderr[-4000:]}")
    shutil.rmtree(site)
    return {k: float(v) for k, v in json.loads(done.stdout.strip().splitlines()[-1]).items()}


def alternate(
    a: Path, b: Path, pairs: int, sites: Path, *, cold: bool = False
) -> tuple[list[Build], list[Build]]:
    """Build A B A B ... `pairs` times; each into a fresh site folder (`cold`: every A build
    compiles its templates and the engine's source afresh)."""
    builds_a, builds_b = [], []
    for i in range(pairs):
        for project, out in ((a, builds_a), (b, builds_b)):
            site = sites / f"{project.name}-{i}"
            out.append(build(project, site, cold=cold and project == a))
            if i < pairs - 1:
                shutil.rmtree(site)
    return builds_a, builds_b


def median(values: list[float]) -> float:
    return statistics.median(values)


# --- static analysis of a built site --------------------------------------------------------

_NOT_MARKUP = re.compile(r"<(script|style)\b.*?</\1>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"<[a-zA-Z][^\s/>]*")


def dom_nodes(html_text: str) -> int:
    """Elements in a page as the browser counts them (getElementsByTagName('*')); script and
    style elements count once, their contents not at all."""
    scripts = len(re.findall(r"<(?:script|style)\b", html_text, re.I))
    return len(_TAG.findall(_NOT_MARKUP.sub("", html_text))) + scripts


@dataclass
class SiteStats:
    pages: int
    largest: Path
    largest_bytes: int
    largest_nodes: int
    most_nodes: Path
    most_nodes_count: int
    search_index: int


def site_stats(site: Path) -> SiteStats:
    sizes: dict[Path, int] = {}
    nodes: dict[Path, int] = {}
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8", errors="replace")
        sizes[page] = len(text.encode())
        nodes[page] = dom_nodes(text)
    largest = max(sizes, key=sizes.__getitem__)
    most = max(nodes, key=nodes.__getitem__)
    index = site / "search" / "search_index.json"
    return SiteStats(
        len(sizes),
        largest.relative_to(site),
        sizes[largest],
        nodes[largest],
        most.relative_to(site),
        nodes[most],
        index.stat().st_size if index.exists() else 0,
    )


def template_pages(site: Path) -> dict[str, Path]:
    """The page of each template in a built site (first match, sorted), plus the largest
    catalogue page when the catalogue is split over several pages."""
    found = {}
    for name, pattern in TEMPLATES.items():
        matches = sorted(site.glob(pattern))
        if matches:
            found[name] = matches[0]
    catalogue = [
        p for p in (site / "catalogue").rglob("index.html") if p.parent != site / "catalogue"
    ]
    if catalogue:
        found["catalogue (largest page)"] = max(catalogue, key=lambda p: p.stat().st_size)
    return found


def url_of(site: Path, page: Path) -> str:
    rel = page.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


# --- a local static server ------------------------------------------------------------------

_COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")


def _handler(root: Path) -> type[http.server.BaseHTTPRequestHandler]:
    cache: dict[Path, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        """Static files, gzip for text as GitHub Pages does."""

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            target = (root / urllib.request.url2pathname(path).lstrip("/")).resolve()
            if not target.is_relative_to(root.resolve()):
                self.send_error(403)
                return
            if target.is_dir():
                if not path.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", path + "/")
                    self.end_headers()
                    return
                target = target / "index.html"
            if not target.is_file():
                self.send_error(404)
                return
            body = target.read_bytes()
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Cache-Control", "max-age=600")
            if kind.startswith(_COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
                if target not in cache:
                    cache[target] = gzip.compress(body, 6)
                body = cache[target]
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextmanager
def serve_site(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = 5) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - 127.0.0.1
            return response.read().decode(errors="replace")
    except (urllib.error.URLError, OSError):
        return None


# --- 4. rebuild under mkdocs serve ----------------------------------------------------------


def rebuild_times(work: Path, repeats: int) -> tuple[list[float], str]:
    project = copy_project(work / "serve-project")
    resource = sorted((project / "data" / "resources").glob("*.yml"))[0]
    skill = yaml.safe_load(resource.read_text(encoding="utf-8"))["skills"][0]
    port = free_port()
    # mkdocs serve mounts the site at the path of site_url (a plain URL, or the default of an
    # `!ENV [HANDBOOK_SITE_URL, "..."]` tag: the variable is unset for the server below)
    found = re.search(
        r"(?m)^site_url:[^\n]*?(https?://[^\s\"'\]]+)", (project / "mkdocs.yml").read_text()
    )
    mount = urllib.parse.urlsplit(found.group(1)).path if found else "/"
    page = f"http://127.0.0.1:{port}{mount.rstrip('/')}/skills/{skill}/"
    log = (work / "serve.log").open("wb")
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={k: v for k, v in ENV.items() if k != "HANDBOOK_SITE_URL"},
    )
    times = []
    try:
        deadline = time.monotonic() + 300
        while fetch(page, 2) is None:
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit(f"mkdocs serve did not start; see {work / 'serve.log'}")
            time.sleep(0.2)
        time.sleep(1.0)  # let the file watcher settle after the first build
        original = resource.read_text(encoding="utf-8")
        for i in range(repeats):
            title = f"Benchmark edit {i} {time.time_ns()}"
            text = re.sub(r"(?m)^title:.*$", f'title: "{title}"', original, count=1)
            started = time.perf_counter()
            resource.write_text(text, encoding="utf-8")
            deadline = time.monotonic() + 300
            while True:
                body = fetch(page, 5) or ""
                if title in body:
                    times.append(time.perf_counter() - started)
                    break
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit(f"the edit never reached {page}; see {work / 'serve.log'}")
                time.sleep(0.05)
            time.sleep(1.0)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=20)
        log.close()
    return times, f"{resource.name} on /skills/{skill}/"


# --- 5 and 6. in Chromium -------------------------------------------------------------------

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
KEYSTROKE_JS = """
async ([repeats, letters]) => {
  const field = document.querySelector('.hb-filters input[name=text]');
  const count = document.querySelector('.hb-filters__count');
  if (!field || !count) return null;
  const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
  const samples = [];
  let changed = 0;
  for (let i = 0; i < repeats; i++) {
    field.value = '';
    field.dispatchEvent(new Event('input', { bubbles: true }));
    await frame(); await frame();
    const before = count.textContent;
    const started = performance.now();
    field.value = letters[i % letters.length];
    field.dispatchEvent(new Event('input', { bubbles: true }));
    const handler = performance.now() - started;
    await frame();  // the browser has applied the new list (style, layout) for the next paint
    samples.push([performance.now() - started, handler]);
    if (count.textContent !== before) changed += 1;
  }
  field.value = '';
  field.dispatchEvent(new Event('input', { bubbles: true }));
  return { samples, changed, cards: document.querySelectorAll('.hb-resource').length };
}
"""


# The roadmap in Chromium: laying out and painting the diagram (hidden, then shown again), and a
# status change on the page recolouring it (saved, read back, every node coloured, next frame).
ROADMAP_JS = """
async ([repeats]) => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const box = document.querySelector('.hb-roadmap');
  const first = document.querySelector('.hb-roadmap .hb-node--resource');
  if (!box || !first || !window.handbook) return null;
  const layout = [];
  const recolour = [];
  for (let i = 0; i < repeats; i++) {
    box.style.display = 'none';
    box.getBoundingClientRect();
    let started = performance.now();
    box.style.display = '';
    box.getBoundingClientRect();
    await frame();
    layout.push(performance.now() - started);
    started = performance.now();
    window.handbook.setStatus('statuses', first.dataset.resource, i % 2 ? 'todo' : 'done');
    await frame();
    recolour.push(performance.now() - started);
  }
  return { layout, recolour, nodes: document.querySelectorAll('.hb-roadmap .hb-node').length,
    elements: box.getElementsByTagName('*').length };
}
"""


def chromium_executable() -> str | None:
    sys.path.insert(0, str(ROOT))
    import dev

    return dev.find_chromium()


@dataclass
class Weight:
    bytes: int
    requests: int
    foreign: int
    html_gzip: int
    dom: int
    own_gzip: int  # the handbook's own scripts and styles this page loaded (gzip -9)


def page_weights(site: Path, pages: dict[str, Path]) -> dict[str, Weight]:
    from playwright.sync_api import sync_playwright

    results = {}
    with serve_site(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_executable(), headless=True, args=CHROMIUM_ARGS
        )
        try:
            for name, page_file in pages.items():
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                records: list[int] = []
                foreign: list[str] = []
                own: set[str] = set()

                def route(r, foreign=foreign):
                    host = r.request.url.split("/")[2] if "://" in r.request.url else ""
                    if r.request.url.startswith(("http:", "https:", "ws:", "wss:")) and (
                        host.split(":")[0] != "127.0.0.1"
                    ):
                        foreign.append(r.request.url)
                        r.abort()
                    else:
                        r.continue_()

                context.route("**/*", route)

                def finished(request, records=records, own=own):
                    if request.url.startswith("http"):
                        records.append(max(request.sizes()["responseBodySize"], 0))
                        path = request.url.split("?")[0].split("/", 3)[3]
                        if re.fullmatch(r"javascripts/[\w-]+\.js|stylesheets/[\w-]+\.css", path):
                            own.add(path)

                context.on("requestfinished", finished)
                page = context.new_page()
                page.goto(base + url_of(site, page_file), wait_until="load")
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(500)
                dom = page.evaluate("document.getElementsByTagName('*').length")
                html_gzip = len(gzip.compress(page_file.read_bytes(), 9))
                own_gzip = sum(len(gzip.compress((site / p).read_bytes(), 9)) for p in own)
                results[name] = Weight(
                    sum(records), len(records), len(foreign), html_gzip, dom, own_gzip
                )
                context.close()
        finally:
            browser.close()
    return results


def _measure_in_chromium(site: Path, url: str, script: str, args: list[object]) -> Any:
    """`script` run with `args` on the page at `url` once it has settled, or None when the site
    has no such page."""
    from playwright.sync_api import sync_playwright

    if not (site / url / "index.html").exists():
        return None
    with serve_site(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_executable(), headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base + url, wait_until="load")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            return page.evaluate(script, args)
        finally:
            browser.close()


def roadmap_render(site: Path, repeats: int) -> dict[str, object] | None:
    return _measure_in_chromium(site, "roadmap/", ROADMAP_JS, [repeats])


def keystroke(site: Path, repeats: int) -> dict[str, object] | None:
    return _measure_in_chromium(site, "catalogue/", KEYSTROKE_JS, [repeats, list("zqxjkvwybp")])


# --- the benchmark --------------------------------------------------------------------------


# What mkdocs.yml's extra_javascript and extra_css put on every page; other scripts in
# docs/javascripts/ (calendar.js, the offline copy's vendor shim) load only when needed.
EVERY_PAGE = ("javascripts/handbook.js", "stylesheets/handbook.css")


def own_assets_gzip() -> int:
    return sum(len(gzip.compress((ROOT / "docs" / f).read_bytes(), 9)) for f in EVERY_PAGE)


def yaml_load_times(data: Path) -> tuple[float, float]:
    texts = [f.read_text(encoding="utf-8") for f in sorted((data / "resources").glob("*.yml"))]

    def timed(loader: type) -> float:
        started = time.perf_counter()
        for text in texts:
            yaml.load(text, Loader=loader)  # noqa: S506 - both loaders are safe loaders
        return time.perf_counter() - started

    c_loader = getattr(yaml, "CSafeLoader", None)
    return (timed(c_loader) if c_loader else float("nan")), timed(yaml.SafeLoader)


def check_time(data: Path, docs: Path) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603
        [
            *[sys.executable, "-m", "handbook_engine.cli", "check"],
            "--data",
            str(data),
            "--docs",
            str(docs),
        ],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=600,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"handbook check failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return elapsed, done.stdout.strip().splitlines()[-1]


def section_builds(table: Table, work: Path, args: argparse.Namespace) -> Path:
    _step("1-2. real handbook: strict builds, hooks vs pre-rendered twin")
    project = copy_project(work / "real")
    twin = work / "real-twin"
    generated = write_twin(project, twin)
    builds_a, builds_b = alternate(project, twin, args.pairs, work / "sites")
    extra = [build(project, work / "sites" / f"extra-{i}") for i in range(args.runs - args.pairs)]
    for i in range(len(extra)):
        shutil.rmtree(work / "sites" / f"extra-{i}")
    a_all = builds_a + extra
    table.add(
        "1. Build (real)",
        f"strict build, median of {len(a_all)}",
        f"{_s(median([b.seconds for b in a_all]))} "
        f"(min {_s(min(b.seconds for b in a_all))}, max {_s(max(b.seconds for b in a_all))})",
    )
    table.add("1. Build (real)", "peak RSS of the build", _mb(max(b.peak_kb for b in a_all)))
    _overhead(table, "2. Hooks overhead (real)", builds_a, builds_b, generated)
    _hooks_own_time(table, project, work / "sites" / "timed", args.runs, builds_b)
    shutil.rmtree(work / "sites" / f"real-{args.pairs - 1}")
    shutil.rmtree(work / "sites" / f"real-twin-{args.pairs - 1}")
    cold_a, cold_b = alternate(project, twin, args.pairs, work / "sites", cold=True)
    _overhead(
        table,
        "2. Hooks overhead (real), templates and engine compiled afresh",
        cold_a,
        cold_b,
        generated,
    )
    return work / "sites" / f"real-{args.pairs - 1}"


def _overhead(table: Table, section: str, a: list[Build], b: list[Build], generated: int) -> None:
    ma, mb = median([x.seconds for x in a]), median([x.seconds for x in b])
    ca, cb = median([x.cpu for x in a]), median([x.cpu for x in b])
    # Each pair runs back to back, so its own ratio cancels a machine that speeds up or slows
    # down between pairs (seen here: one build's time ranging over 1.6x in one run).
    pairs = sorted(x.cpu / y.cpu for x, y in zip(a, b, strict=True))
    table.add(
        section,
        f"A with hooks / B pre-rendered by handbook render ({generated} pages), "
        f"medians of {len(a)} alternating pairs",
        f"A {_s(ma)}, B {_s(mb)}, **A/B {ma / mb:.2f}x**; "
        f"CPU time A {_s(ca)}, B {_s(cb)}, A/B {ca / cb:.2f}x; "
        f"CPU A/B pair by pair: median {median(pairs):.2f}x ({pairs[0]:.2f}x to {pairs[-1]:.2f}x); "
        f"peak RSS A {_mb(max(x.peak_kb for x in a))}, B {_mb(max(x.peak_kb for x in b))}",
    )


def _hooks_own_time(table: Table, project: Path, site: Path, runs: int, twin: list[Build]) -> None:
    timings = [hook_times(project, site) for _ in range(runs)]
    events = sorted({name for t in timings for name in t}, key=lambda n: -timings[0].get(n, 0))
    per_event = {name: median([t.get(name, 0.0) for t in timings]) for name in events}
    total = median([sum(t.values()) for t in timings])
    twin_build = median([b.seconds for b in twin])
    shown = ", ".join(f"{name} {per_event[name] * 1000:.0f} ms" for name in events)
    table.add(
        "2. Hooks' own time (real)",
        f"each event and loading the hook, timed inside the build, medians of {runs} builds",
        f"{shown}; **in all {total * 1000:.0f} ms, {total / twin_build:.1%} of B's median build "
        f"({_s(twin_build)})**",
    )


def _glossary_of(size: int) -> str:
    """A glossary of `size` terms, each a two-word name no page uses except a few real words."""
    lines = ["terms:"]
    for i in range(size):
        lines += [f"  - term: Term{i} Zq", f"    definition: Synthetic term {i} for the benchmark."]
    return "\n".join(lines) + "\n"


def section_limits(table: Table, work: Path, args: argparse.Namespace) -> None:
    """A 1,000-term glossary against the real one, and the resource limit at 100,000 files."""
    _step("5. limits: a 1,000-term glossary; 100,000 resource files")
    real = copy_project(work / "glossary-real")
    big = copy_project(work / "glossary-1000")
    terms = (real / "data" / "glossary.yml").read_text(encoding="utf-8")
    (big / "data" / "glossary.yml").write_text(
        terms.rstrip("\n") + "\n" + _glossary_of(1000).removeprefix("terms:\n"), encoding="utf-8"
    )
    a, b = alternate(big, real, args.pairs, work / "sites")
    ma, mb = median([x.seconds for x in a]), median([x.seconds for x in b])
    count = terms.count("- term:")
    table.add(
        "5. Limits",
        f"strict build with {count + 1000:,} glossary terms / with the real {count}, "
        f"medians of {len(a)} alternating pairs",
        f"{_s(ma)} / {_s(mb)}, **{ma / mb:.2f}x**",
    )
    huge = copy_project(work / "limit-100000", data=False)
    synthetic.generate(huge / "data", 100_000, seed=args.seed, base=ROOT / "data")
    check = [sys.executable, "-m", "handbook_engine.cli", "check", "--data", str(huge / "data")]
    seconds, code, _peak, output = _timed(check, huge)
    first = output.strip().splitlines()[0] if output.strip() else ""
    table.add(
        "5. Limits",
        "`handbook check` on 100,000 resource files (exit code, first line)",
        f"{_s(seconds)}, exit {code}: {first}",
    )
    strict = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", "site"]
    seconds, code, peak, output = _timed(strict, huge)
    table.add(
        "5. Limits",
        "strict build on 100,000 resource files",
        f"stops after {_s(seconds)} with exit {code}, peak RSS {_mb(peak)}",
    )


def _timed(command: list[str], cwd: Path) -> tuple[float, int, int, str]:
    """Run `command`: seconds, exit code, the child's own peak RSS (KiB) and its output."""
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(  # noqa: S603
            command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT, env=ENV
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        output.seek(0)
        text = output.read().decode(errors="replace")
    return elapsed, os.waitstatus_to_exitcode(status), usage.ru_maxrss, text


def section_scale(table: Table, work: Path, args: argparse.Namespace) -> dict[int, Path]:
    sites = {}
    for size in args.sizes:
        _step(f"3. scale: {size} resources")
        project = copy_project(work / f"scale-{size}", data=False)
        synthetic.generate(project / "data", size, seed=args.seed, base=ROOT / "data")
        label = f"3. Scale {size:,}"
        seconds, line = check_time(project / "data", project / "docs")
        table.add(label, "`handbook check` (whole command)", f"{_s(seconds)} ({line})")
        if size == max(args.sizes):
            c_time, py_time = yaml_load_times(project / "data")
            table.add(
                label,
                f"YAML load of {size:,} resource files",
                f"C loader {_s(c_time)}, pure-Python SafeLoader {_s(py_time)} "
                f"({py_time / c_time:.1f}x)",
            )
        twin = work / f"scale-{size}-twin"
        generated = write_twin(project, twin)
        builds_a, builds_b = alternate(project, twin, args.scale_pairs, work / "sites")
        table.add(
            label,
            f"strict build, median of {len(builds_a)}",
            f"{_s(median([b.seconds for b in builds_a]))}, "
            f"peak RSS {_mb(max(b.peak_kb for b in builds_a))}",
        )
        _overhead(table, label, builds_a, builds_b, generated)
        site = work / "sites" / f"{project.name}-{args.scale_pairs - 1}"
        stats = site_stats(site)
        table.add(
            label,
            f"largest HTML page (of {stats.pages})",
            f"{stats.largest} {_kb(stats.largest_bytes)}, {stats.largest_nodes:,} DOM nodes",
        )
        table.add(
            label,
            "most DOM nodes in one page",
            f"{stats.most_nodes} {stats.most_nodes_count:,}",
        )
        table.add(label, "search/search_index.json", _kb(stats.search_index))
        sites[size] = site
        shutil.rmtree(work / "sites" / f"{twin.name}-{args.scale_pairs - 1}")
    return sites


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="real builds timed (default 5)")
    parser.add_argument("--pairs", type=int, default=5, help="A/B pairs, real (default 5)")
    parser.add_argument(
        "--sizes", default="1000,10000", help="synthetic sizes (default 1000,10000)"
    )
    parser.add_argument("--scale-pairs", type=int, default=2, help="A/B pairs per size (2)")
    parser.add_argument("--rebuilds", type=int, default=3, help="serve rebuilds timed (3)")
    parser.add_argument("--keystrokes", type=int, default=10, help="filter keystrokes (10)")
    parser.add_argument("--seed", type=int, default=0, help="synthetic data seed (0)")
    parser.add_argument("--quick", action="store_true", help="1 build each, sizes 200,1000")
    parser.add_argument(
        "--only", default="builds,scale,rebuild,browser,limits", help="sections to run (all)"
    )
    parser.add_argument("--keep", type=Path, help="keep the work folder here instead of a temp")
    args = parser.parse_args()
    if args.quick:
        args.runs = args.pairs = args.scale_pairs = args.rebuilds = 1
        args.sizes, args.keystrokes = "200,1000", 5
    args.sizes = sorted(int(s) for s in str(args.sizes).split(","))
    args.runs = max(args.runs, args.pairs)
    only = set(args.only.split(","))

    table = Table()
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    with _workdir(args.keep) as work:
        real_site = None
        if "builds" in only:
            real_site = section_builds(table, work, args)
        sites = section_scale(table, work, args) if "scale" in only else {}
        if "rebuild" in only:
            _step("4. rebuild under mkdocs serve")
            times, where = rebuild_times(work, args.rebuilds)
            table.add(
                "4. Rebuild (serve)",
                f"save YAML -> page updated, median of {len(times)} ({where})",
                f"{_s(median(times))} (all: {', '.join(f'{t:.2f}' for t in times)})",
            )
        if "limits" in only:
            section_limits(table, work, args)
        if "browser" in only:
            if real_site is None:
                real_site = work / "sites" / "browser-real"
                build(copy_project(work / "browser-real"), real_site)
            _browser(table, real_site, sites, args)
    load_after = os.getloadavg()[0]
    busy = max(load_before, load_after) > (os.cpu_count() or 1)
    table.add(
        "Machine",
        f"1-minute load average at start / end ({os.cpu_count()} CPUs)",
        f"{load_before:.1f} / {load_after:.1f}"
        + (" (above the CPU count: other work ran too)" if busy else ""),
    )
    print(f"\n(ran in {time.perf_counter() - started:.0f} s)\n", file=sys.stderr)
    print(table.markdown())
    return 0


def _browser(table: Table, real_site: Path, sites: dict[int, Path], args) -> None:
    _step("5. page weight in Chromium")
    table.add(
        "5. Page weight",
        "own JS + CSS on every page (handbook.js, handbook.css, gzip -9)",
        _kb(own_assets_gzip()),
    )
    for name, w in page_weights(real_site, template_pages(real_site)).items():
        table.add(
            "5. Page weight (real)",
            name,
            f"{_kb(w.bytes)} transferred (gzip), {w.requests} requests, "
            f"{w.foreign} to other hosts, HTML {_kb(w.html_gzip)} gzip, {w.dom:,} DOM nodes, "
            f"own JS + CSS loaded {_kb(w.own_gzip)} gzip",
        )
    if sites:
        largest = max(sites)
        for name, w in page_weights(sites[largest], template_pages(sites[largest])).items():
            table.add(
                f"5. Page weight ({largest:,})",
                name,
                f"{_kb(w.bytes)} transferred (gzip), {w.requests} requests, "
                f"{w.foreign} to other hosts, HTML {_kb(w.html_gzip)} gzip, {w.dom:,} DOM nodes",
            )
    _step("6. catalogue filter keystroke")
    targets = [("real", real_site)]
    if sites:
        targets.append((f"{max(sites):,}", sites[max(sites)]))
    for label, site in targets:
        found = keystroke(site, args.keystrokes)
        if not found:
            table.add("6. Filter keystroke", label, "not measured: no filter on catalogue/")
            continue
        totals = [s[0] for s in found["samples"]]
        handlers = [s[1] for s in found["samples"]]
        table.add(
            "6. Filter keystroke",
            f"{label}: input event -> next frame, median of {len(totals)} "
            f"({found['cards']} cards on catalogue/)",
            f"{median(totals):.1f} ms (handler {median(handlers):.1f} ms; max "
            f"{max(totals):.1f} ms; count changed {found['changed']}/{len(totals)})",
        )

    _step("7. roadmap in Chromium")
    for label, site in targets:
        found = roadmap_render(site, args.keystrokes)
        if not found:
            table.add("7. Roadmap", label, "not measured: no roadmap/ with resources")
            continue
        table.add(
            "7. Roadmap",
            f"{label}: {found['nodes']} nodes, {found['elements']:,} elements; median of "
            f"{len(found['layout'])}",
            f"layout and paint {median(found['layout']):.1f} ms; a status change recoloured "
            f"by the next frame {median(found['recolour']):.1f} ms",
        )


@contextmanager
def _workdir(keep: Path | None) -> Iterator[Path]:
    if keep:
        if keep.exists():
            shutil.rmtree(keep)
        keep.mkdir(parents=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as work:
        yield Path(work)


if __name__ == "__main__":
    sys.exit(main())
