"""One headless Chromium, driven over the DevTools protocol through a pipe, to print HTML to PDF.

Why not ``chromium --print-to-pdf`` once per print: the paginated table of contents needs two
prints (:mod:`clstool.report.pdf`), and measured on the full example report, starting the
browser (0.6 s of processor time) and loading the page (0.65 s) cost as much as the second
print itself (1.3 s, the first 2 s); one browser for both prints saves a launch, and the
protocol's ``Page.printToPDF`` also waits less than the command-line print. The PDF is the
same, pixel for pixel, as the command line's.

The protocol runs over ``--remote-debugging-pipe`` (the browser reads commands on its file
descriptor 3 and answers on 4, each message JSON ended by a NUL byte): no port is opened, no
other program can reach the browser, and no client library is needed. Every page is offline
(no host name resolves).
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

from clstool.errors import InputError
from clstool.fsutil import reason

TIMEOUT = 180  #: seconds for one print (or for the browser to start)
#: The page options of the PDF: those of ``chromium --print-to-pdf --no-pdf-header-footer``.
PRINT = {"printBackground": True, "preferCSSPageSize": True, "displayHeaderFooter": False}


#: The programs looked for, in this order. The headless shell (Debian ``chromium-headless-shell``,
#: Google's ``chrome-headless-shell``) is Chromium's build for printing and automation, without
#: the browser around it: on the full report of the example it prints the same PDF (same text,
#: same tags, same pages) in 2.7 s instead of 3.3 s, and with 3.1 s of processor time instead
#: of 4.4 (same machine, alternated runs).
PROGRAMS = ("chromium-headless-shell", "chrome-headless-shell", "chromium", "chromium-browser", "google-chrome")


def executable() -> str:
    """The Chromium executable, or an :class:`InputError` saying how to install it."""
    given = os.environ.get("CLSTOOL_CHROMIUM")
    if given:
        if not (os.path.isfile(given) and os.access(given, os.X_OK)):
            raise InputError(f"CLSTOOL_CHROMIUM désigne « {given} », qui n'est pas un programme exécutable")
        return given
    found = next((path for path in map(shutil.which, PROGRAMS) if path), None)
    if not found:
        raise InputError(
            "--format pdf a besoin de Chromium, introuvable : installez-le (Debian, Ubuntu : "
            "sudo apt-get install chromium-headless-shell, ou chromium ; ou lancez bash .ci/setup), "
            "ou indiquez son chemin dans la variable CLSTOOL_CHROMIUM"
        )
    return found


class Browser:
    """A headless Chromium with one page; use as a context manager (the browser is always closed)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._buffer = b""
        self._count = 0
        self._events: list[dict[str, Any]] = []
        self._session = ""

    def __enter__(self) -> Browser:
        to_browser, commands = os.pipe()
        answers, from_browser = os.pipe()

        def descriptors() -> None:  # in the child: the protocol's descriptors 3 and 4
            os.setpgid(0, 0)  # its own process group, ended at once by __exit__
            os.dup2(to_browser, 3)
            os.dup2(from_browser, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        command = [
            executable(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--user-data-dir={self.folder / 'profil'}",
            "--remote-debugging-pipe",
            "about:blank",
        ]
        self._log = self.folder / "chromium.log"
        try:
            with self._log.open("wb") as log:
                self._process = subprocess.Popen(
                    command,
                    preexec_fn=descriptors,
                    close_fds=False,  # noqa: PLW1509
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=log,
                )
        except OSError as error:
            os.close(commands)
            os.close(answers)
            raise InputError(f"Chromium n'a pas démarré : {reason(error)}") from None
        finally:
            os.close(to_browser)
            os.close(from_browser)
        self._commands = commands
        self._answers = answers
        return self  # the browser starts meanwhile: the page is attached at the first print

    def _attach(self) -> None:
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next(t["targetId"] for t in targets if t["type"] == "page")
        self._session = self.call("Target.attachToTarget", targetId=page, flatten=True)["sessionId"]
        self.call("Page.enable")

    def __exit__(self, *_: object) -> None:
        # Once the PDF is in hand the browser has nothing left to save: its group (browser,
        # renderers, helpers) is killed rather than asked to close, which took it 0.1 to 0.3 s,
        # and its temporary folder is then removed by the caller.
        for descriptor in (self._commands, self._answers):
            os.close(descriptor)
        try:
            os.killpg(self._process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):  # already gone
            pass
        self._process.wait()

    # --- the protocol ------------------------------------------------------------------------------

    def _failed(self, why: str) -> InputError:
        self._process.poll()
        code = self._process.returncode
        last = self._log.read_text("utf-8", "replace").strip().splitlines()[-1:] if self._log.is_file() else []
        return InputError(
            f"Chromium n'a pas produit le PDF ({why}"
            + (f", code {code}" if code is not None else "")
            + (f") : {last[0]}" if last else ")")
        )

    def _message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._answers], [], [], left)[0]:
                raise InputError(f"Chromium n'a pas produit le PDF en {TIMEOUT} s")
            chunk = os.read(self._answers, 1 << 20)
            if not chunk:
                raise self._failed("le navigateur s'est arrêté")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one command (to the page once attached) and return its result."""
        self._count += 1
        message: dict[str, Any] = {"id": self._count, "method": method, "params": params}
        if self._session:
            message["sessionId"] = self._session
        data = json.dumps(message).encode("utf-8") + b"\0"
        try:
            while data:
                data = data[os.write(self._commands, data) :]
        except BrokenPipeError:
            raise self._failed("le navigateur s'est arrêté") from None
        deadline = time.monotonic() + TIMEOUT
        while True:
            answer = self._message(deadline)
            if answer.get("id") == self._count:
                if "error" in answer:
                    raise self._failed(f"{method} : {answer['error'].get('message', '')}")
                return answer.get("result", {})
            self._events.append(answer)

    def _wait(self, event: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while not any(e.get("method") == event for e in self._events):
            self._events.append(self._message(deadline))
        self._events.clear()

    # --- what the report needs -----------------------------------------------------------------------

    def load(self, html: str) -> None:
        """``html`` loaded, as a file of the folder (so relative addresses stay in it)."""
        if not self._session:
            self._attach()
        page = self.folder / f"bilan-{self._count}.html"
        page.write_text(html, encoding="utf-8")
        self._events.clear()
        self.call("Page.navigate", url=page.as_uri())
        self._wait("Page.loadEventFired")

    def run(self, function: str, *arguments: Any) -> bool:
        """The JavaScript ``function`` called on the loaded page with ``arguments`` (JSON values);
        false if it threw."""
        answer = self.call("Runtime.evaluate", expression=f"({function})(...{json.dumps(list(arguments))})")
        return "exceptionDetails" not in answer

    def print(self, tagged: bool = True) -> bytes:
        """The loaded page as PDF; ``tagged``: with the structure tree that screen readers follow
        (a fifth slower)."""
        return base64.b64decode(self.call("Page.printToPDF", **PRINT, generateTaggedPDF=tagged)["data"])

    def print_html(self, html: str, tagged: bool = True) -> bytes:
        """``html`` loaded and printed to PDF."""
        self.load(html)
        return self.print(tagged)
