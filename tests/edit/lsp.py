"""A minimal LSP client over stdio, to drive yaml-language-server as an editor does."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path


class Client:
    def __init__(self, command: list[str], root: Path, settings: dict):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.settings = settings
        self.messages: queue.Queue = queue.Queue()
        self.diagnostics: dict[str, list] = {}
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {
            "processId": None, "rootUri": root.as_uri(), "workspaceFolders": [{"uri": root.as_uri(), "name": "cls"}],
            "capabilities": {"workspace": {"configuration": True},
                             "textDocument": {"completion": {"completionItem": {"snippetSupport": False}},
                                              "publishDiagnostics": {}}},
        })
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": settings})

    def _send(self, message: dict) -> None:
        body = json.dumps(message).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            message = json.loads(stream.read(length))
            if message.get("method") == "workspace/configuration":  # the server asks for the settings
                items = message["params"]["items"]
                self._send({"jsonrpc": "2.0", "id": message["id"],
                            "result": [self.settings.get(i.get("section", ""), None) for i in items]})
            elif "id" in message and "method" in message:  # other server requests: accept
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            elif message.get("method") == "textDocument/publishDiagnostics":
                self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
            else:
                self.messages.put(message)

    def notify(self, method: str, params: dict) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: dict, timeout: float = 30) -> dict:
        self.next_id += 1
        ident = self.next_id
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                message = self.messages.get(timeout=0.2)
            except queue.Empty:
                continue
            if message.get("id") == ident:
                return message.get("result")
        raise TimeoutError(method)

    def open(self, path: Path) -> str:
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1, "text": path.read_text(encoding="utf-8")}})
        return uri

    def wait_diagnostics(self, uri: str, timeout: float = 30) -> list:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if uri in self.diagnostics:
                return self.diagnostics[uri]
            time.sleep(0.05)
        raise TimeoutError(f"aucun diagnostic publié pour {uri}")

    def close(self) -> None:
        try:
            self.request("shutdown", {}, timeout=5)
            self.notify("exit", {})
        except (TimeoutError, BrokenPipeError, OSError):
            pass
        self.proc.kill()
        self.proc.wait(timeout=10)
