"""A real `ita serve` process for tests and the load bench: start it, upload to it, watch its memory.

Plain standard library (http.client, /proc): what a browser's upload form sends,
without a browser.
"""
from __future__ import annotations

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(tmp: Path, *args: str, start_timeout: float = 60) -> Iterator[tuple[str, subprocess.Popen]]:
    """`cli.py serve` on a free loopback port: (base URL, process); stopped with SIGTERM after."""
    port = free_port()
    tmp.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONUNBUFFERED="1", TMPDIR=str(tmp))
    log = open(tmp / "serve.log", "wb")
    proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "serve", "--host", "127.0.0.1",
                             "--port", str(port), *args], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + start_timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {(tmp / 'serve.log').read_text(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.time() > deadline:
                    raise RuntimeError(f"server did not start in {start_timeout:g} s")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", proc
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def request(base: str, method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None, timeout: float = 60) -> tuple[int, bytes]:
    host, port = base.rsplit("/", 1)[-1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def upload(base: str, path: Path, name: str | None = None) -> tuple[int, dict]:
    """POST the file as the page's script does; (HTTP status, JSON answer)."""
    boundary = secrets.token_hex(16)
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"{name or path.name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").encode()
    body += path.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
    status, data = request(base, "POST", "/upload", body, {
        "Content-Type": f"multipart/form-data; boundary={boundary}", "X-Requested-With": "fetch",
        "Accept": "application/json"})
    return status, json.loads(data or b"{}")


def wait_job(base: str, status_url: str, timeout: float) -> dict:
    """Poll the job until it is done or failed (or ``timeout`` passes: its last status)."""
    deadline = time.monotonic() + timeout
    while True:
        status, data = request(base, "GET", status_url, headers={"Accept": "application/json"})
        job = json.loads(data)
        if job.get("state") in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.2)


def rss_mb(pid: int) -> float:
    """Resident memory of one process (MB), 0 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            kids = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        out.extend(int(k) for k in kids)
        todo.extend(int(k) for k in kids)
    return out


class MemoryWatch:
    """Samples the server's RSS (and its whole process tree's) every ``every`` seconds; keeps the peaks."""

    def __init__(self, pid: int, every: float = 0.1) -> None:
        self.pid, self.every = pid, every
        self.peak = self.peak_tree = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            own = rss_mb(self.pid)
            tree = own + sum(rss_mb(p) for p in descendants(self.pid))
            self.peak, self.peak_tree = max(self.peak, own), max(self.peak_tree, tree)
            self._stop.wait(self.every)

    def __enter__(self) -> "MemoryWatch":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
