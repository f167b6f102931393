"""Screenshots of the documentation site, for a person to look at.

Usage::

    python scripts/screenshots.py [--out build/screenshots] [--pages / /tutorials/corpus/]
                                  [--widths 1280 390] [--schemes light dark] [--site DIR]

The site is built with ``mkdocs build --strict`` into a temporary folder (or ``--site DIR``,
an already built one, is used), served on 127.0.0.1 on a free port from a thread, and each
page is rendered by headless Chromium at each width and colour scheme into
``OUT/<page>-<width>-<scheme>.png``, e.g. ``home-1280-light.png`` or
``tutorials-corpus-390-dark.png``.  The picture is the full height of the page (up to
``--max-height`` CSS pixels): Chromium is driven over the DevTools protocol on a pipe
(``--remote-debugging-pipe``), which needs nothing beyond the standard library, and its
viewport is grown to the page's height (so the table of contents marks the last heading as
the current one, as the whole page is in view).  A width
under 800 is rendered as a mobile device.  Every host name but 127.0.0.1 is made
unresolvable, so nothing is fetched from outside: the web fonts of the theme come from
locally installed fonts, if any (Debian: ``fonts-roboto-unhinted``; ``fonts-noto-cjk`` for
the Chinese text).

With ``--notebook`` it photographs, instead of the site, how a notebook shows seed 003 (the
HTML of its ``_repr_html_`` under an ``In [2]: report`` prompt) into
``OUT/notebook-report.png``, at 960 pixels in light mode unless ``--widths`` / ``--schemes``
say otherwise; ``docs/img/notebook-report.png`` is made so::

    python scripts/screenshots.py --notebook --out docs/img

Needs Chromium (Debian: ``apt-get install chromium``) and the docs extras of the project.
This is a tool for looking at the site by eye; it is not part of CI.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import fcntl
import functools
import http.server
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "build" / "screenshots"
DEFAULT_PAGES = ("/", "/tutorials/corpus/")
DEFAULT_WIDTHS = (1280, 390)
DEFAULT_SCHEMES = ("light", "dark")
#: Widths below this are rendered as a phone (touch, ``mobile`` viewport).
MOBILE_BELOW = 800
#: The viewport height while a page loads, before it is grown to the page's height.
LOAD_HEIGHT = 900
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--mute-audio",
    # Nothing but the local server resolves: no request leaves the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--remote-debugging-pipe",
)


class ChromiumError(RuntimeError):
    """Chromium failed, or answered a DevTools command with an error."""


class Browser:
    """A headless Chromium driven over the DevTools protocol on fds 3 and 4."""

    def __init__(self, chromium: str, profile: Path, log: IO[bytes]) -> None:
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        # Chromium's ends, numbered 10 and up, so that moving them to 3 and 4 clobbers neither.
        high_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
        high_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
        for fd in (to_child_r, from_child_w):
            os.close(fd)
        command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"]
        try:
            self.process = subprocess.Popen(
                ["/bin/bash", "-c", f'exec "$@" 3<&{high_r} 4>&{high_w}', "bash", *command],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                pass_fds=(high_r, high_w),
            )
        finally:
            os.close(high_r)
            os.close(high_w)
        self._out = to_child_w
        self._in = from_child_r
        self._buffer = bytearray()
        self._next_id = 0
        self._events: list[dict[str, Any]] = []

    def close(self) -> None:
        """Ask Chromium to quit, then make sure it has."""
        with contextlib.suppress(OSError, ChromiumError, TimeoutError):
            self._send("Browser.close", {}, None)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._out)
        os.close(self._in)

    def _send(self, method: str, params: dict[str, Any], session: str | None) -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self._out, data) :]
        return self._next_id

    def _receive(self, deadline: float) -> dict[str, Any]:
        start = 0
        while (end := self._buffer.find(b"\0", start)) < 0:
            start = len(self._buffer)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("chromium did not answer in time")
            ready, _, _ = select.select([self._in], [], [], remaining)
            if ready:
                chunk = os.read(self._in, 1 << 20)
                if not chunk:
                    raise ChromiumError(f"chromium closed the pipe (exit {self.process.poll()})")
                self._buffer += chunk
        message: dict[str, Any] = json.loads(self._buffer[:end])
        del self._buffer[: end + 1]
        return message

    def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        session: str | None = None,
        timeout: float = 30.0,
    ) -> dict[str, Any]:
        """Send one command and wait for its result; events met meanwhile are kept."""
        wanted = self._send(method, params or {}, session)
        deadline = time.monotonic() + timeout
        while True:
            message = self._receive(deadline)
            if message.get("id") == wanted:
                if "error" in message:
                    raise ChromiumError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            if "method" in message:
                self._events.append(message)

    def wait_event(self, method: str, session: str, timeout: float = 30.0) -> None:
        """Wait for an event of ``session``, seen already or still to come."""
        deadline = time.monotonic() + timeout
        while True:
            for i, event in enumerate(self._events):
                if event.get("method") == method and event.get("sessionId") == session:
                    del self._events[: i + 1]
                    return
            message = self._receive(deadline)
            if "method" in message:
                self._events.append(message)

    def evaluate(self, expression: str, session: str) -> Any:
        """The value of a JavaScript expression (a promise is awaited) in the page."""
        result = self.call(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": True, "returnByValue": True},
            session,
        )
        if "exceptionDetails" in result:
            raise ChromiumError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(
        self, url: str, width: int, scheme: str, scale: float, max_height: int
    ) -> tuple[bytes, int, bool]:
        """A PNG of the whole page at ``url``, its CSS height, and whether it was cut."""
        context = self.call("Target.createBrowserContext")["browserContextId"]
        target = self.call(
            "Target.createTarget", {"url": "about:blank", "browserContextId": context}
        )["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        try:
            mobile = width < MOBILE_BELOW
            metrics = {"width": width, "deviceScaleFactor": scale, "mobile": mobile}
            self.call("Page.enable", session=session)
            self.call(
                "Emulation.setDeviceMetricsOverride", {**metrics, "height": LOAD_HEIGHT}, session
            )
            self.call(
                "Emulation.setEmulatedMedia",
                {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
                session,
            )
            navigated = self.call("Page.navigate", {"url": url}, session)
            if navigated.get("errorText"):
                raise ChromiumError(f"{url}: {navigated['errorText']}")
            self.wait_event("Page.loadEventFired", session)
            self.evaluate("document.fonts.ready.then(() => true)", session)
            time.sleep(0.5)  # the theme's scripts settle (palette, tabs, sidebars)
            height_js = "Math.ceil(document.documentElement.scrollHeight)"
            height = int(self.evaluate(height_js, session))
            shown = min(height, max_height)
            self.call("Emulation.setDeviceMetricsOverride", {**metrics, "height": shown}, session)
            time.sleep(0.3)
            # Growing the viewport can change the layout (sidebars, footer): measure again.
            height = int(self.evaluate(height_js, session))
            if min(height, max_height) != shown:
                shown = min(height, max_height)
                self.call(
                    "Emulation.setDeviceMetricsOverride", {**metrics, "height": shown}, session
                )
                time.sleep(0.3)
            data = self.call("Page.captureScreenshot", {"format": "png"}, session, timeout=60)
            return base64.b64decode(data["data"]), height, height > max_height
        finally:
            self.call("Target.closeTarget", {"targetId": target})
            self.call("Target.disposeBrowserContext", {"browserContextId": context})


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site without logging every request."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 on a free port; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def build_site(site: Path) -> None:
    """``mkdocs build --strict`` into ``site``, with the mkdocs of this Python.

    Not ``-q``: it silences the warnings that ``--strict`` turns into a failure.
    """
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    print("screenshots: " + " ".join(command[1:]), file=sys.stderr)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def find_chromium(given: str | None) -> str | None:
    """The Chromium to run: ``given``, or chromium on PATH, or Debian's /usr/bin/chromium."""
    if given:
        return shutil.which(given)
    for name in ("chromium", "chromium-browser", "/usr/bin/chromium"):
        found = shutil.which(name)
        if found:
            return found
    return None


def file_stem(page: str) -> str:
    """``/`` -> ``home``, ``/tutorials/corpus/`` -> ``tutorials-corpus``."""
    stem = page.strip("/").removesuffix("index.html").strip("/").replace("/", "-")
    return stem or "home"


def page_file(site: Path, page: str) -> Path | None:
    """The file of ``site`` that serves the site path ``page``, if there is one."""
    path = site / page.split("#")[0].split("?")[0].strip("/")
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


NOTEBOOK_SEED = ROOT / "seeds" / "003_cfccfa7d233b51e6.txt"
NOTEBOOK_PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>notebook</title><style>
body {{ margin: 16px; font-family: "Noto Sans CJK SC", "Noto Sans", sans-serif; color: #212121; }}
.cell {{ display: grid; grid-template-columns: 5.5em 1fr; gap: 4px 8px; }}
.prompt {{ font: 13px monospace; text-align: right; padding-top: 6px; }}
.in {{ color: #303f9f; }} .out {{ color: #d84315; }}
.code {{ font: 14px monospace; background: #f5f5f5; border: 1px solid #e0e0e0; padding: 6px; }}
</style></head><body><div class="cell">
<div class="prompt in">In&nbsp;[2]:</div><div class="code">report</div>
<div class="prompt out">Out[2]:</div><div>{html}</div>
</div></body></html>
"""


def write_notebook_page(folder: Path) -> None:
    """``folder/index.html``: seed 003's ``_repr_html_`` as a notebook shows it."""
    import zwgk

    report = zwgk.parse(NOTEBOOK_SEED.read_text(encoding="utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    page = NOTEBOOK_PAGE.format(html=report._repr_html_())  # type: ignore[union-attr]
    (folder / "index.html").write_text(page, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Build, serve and photograph the site; 0 when every picture was taken."""
    parser = argparse.ArgumentParser(
        prog="screenshots.py", description="Full-page PNGs of the documentation site."
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--pages", nargs="+", default=list(DEFAULT_PAGES), help="site paths")
    parser.add_argument("--widths", nargs="+", type=int)
    parser.add_argument("--schemes", nargs="+", choices=("light", "dark"))
    parser.add_argument("--scale", type=float, default=1.0, help="device pixel ratio")
    parser.add_argument("--max-height", type=int, default=15000, help="in CSS pixels")
    parser.add_argument("--site", type=Path, help="an already built site (skips the build)")
    parser.add_argument("--chromium", help="the Chromium binary (default: chromium on PATH)")
    parser.add_argument(
        "--notebook",
        action="store_true",
        help="photograph seed 003's notebook view instead of the site (OUT/notebook-report.png)",
    )
    args = parser.parse_args(argv)
    if args.notebook:
        args.widths = args.widths or [960]
        args.schemes = args.schemes or ["light"]
        args.pages = ["/"]
    args.widths = args.widths or list(DEFAULT_WIDTHS)
    args.schemes = args.schemes or list(DEFAULT_SCHEMES)

    chromium = find_chromium(args.chromium)
    if chromium is None:
        print(
            "screenshots: chromium not found; install it (Debian: apt-get install chromium) "
            "or pass --chromium PATH",
            file=sys.stderr,
        )
        return 2
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="zwgk-screenshots-") as tmp:
        scratch = Path(tmp)
        if args.notebook:
            site = scratch / "notebook"
            write_notebook_page(site)
        elif args.site is None:
            site = scratch / "site"
            try:
                build_site(site)
            except subprocess.CalledProcessError as error:
                print(
                    f"screenshots: the site build failed ({error.returncode}); "
                    "--site DIR uses a site built otherwise",
                    file=sys.stderr,
                )
                return 1
        else:
            site = args.site
            if not (site / "index.html").is_file():
                print(f"screenshots: {site}: no index.html (not a built site?)", file=sys.stderr)
                return 2
        missing = [page for page in args.pages if page_file(site, page) is None]
        if missing:
            print(f"screenshots: not in the site: {', '.join(missing)}", file=sys.stderr)
            return 2
        log_path = scratch / "chromium.log"
        with log_path.open("wb") as log:
            browser = Browser(chromium, scratch / "profile", log)
            try:
                with serve(site) as base:
                    for page in args.pages:
                        for width in args.widths:
                            for scheme in args.schemes:
                                url = base + "/" + page.lstrip("/")
                                png, height, cut = browser.screenshot(
                                    url, width, scheme, args.scale, args.max_height
                                )
                                stem = f"{file_stem(page)}-{width}-{scheme}"
                                if args.notebook:
                                    one = len(args.widths) == len(args.schemes) == 1
                                    stem = "notebook-report" + ("" if one else stem[4:])
                                path = out / f"{stem}.png"
                                path.write_bytes(png)
                                note = f" (cut at {args.max_height})" if cut else ""
                                print(f"{path}: {page} at {width}x{height} {scheme}{note}")
            except (ChromiumError, TimeoutError, OSError) as error:
                print(f"screenshots: {error}", file=sys.stderr)
                log.flush()
                lines = log_path.read_text(encoding="utf-8", errors="replace").splitlines()
                # Without a system bus Chromium logs many harmless D-Bus errors: not those.
                tail = "\n".join([line for line in lines if "dbus" not in line][-20:])
                print(f"screenshots: chromium's log ends with:\n{tail}", file=sys.stderr)
                return 1
            finally:
                browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
