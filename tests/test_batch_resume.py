"""Resume through the real CLI: SIGKILL a batch halfway, re-run it, and nothing finished is redone.

Also: on a terminal the rich progress bar and summary table render.
"""
from __future__ import annotations

import json
import os
import pty
import signal
import subprocess
import time
from pathlib import Path

from conftest import ROOT, SAMPLES
from test_batch import build_good, cli, outputs


def descendants(pid: int) -> set[int]:
    """All live descendants of ``pid``, from /proc (the workers' own process groups included)."""
    children: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d.name))
    found, todo = set(), [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            if c not in found:
                found.add(c)
                todo.append(c)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_sigkill_halfway_then_resume_redoes_nothing_finished(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    build_good(src, 14)
    proc = subprocess.Popen(cli("extract", str(src), "-o", str(out), "-j", "1"), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while len(outputs(out)) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    family = descendants(proc.pid)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    before = outputs(out)
    assert 3 <= len(before) < 14, "the batch was not stopped halfway"
    time.sleep(1.0)
    assert not [p for p in family if alive(p)], "a worker outlived the killed batch"
    for path in before:
        json.loads(path.read_text(encoding="utf-8"))  # complete, valid JSON

    p = subprocess.run(cli("extract", str(src), "-o", str(out), "-j", "2"), cwd=ROOT, capture_output=True,
                       text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert f"done {14 - len(before)}, skipped {len(before)}, failed 0" in p.stderr, p.stderr[-1500:]
    after = outputs(out)
    assert len(after) == 14
    assert {k: after[k] for k in before} == before, "a finished file was redone"
    for path in after:
        json.loads(path.read_text(encoding="utf-8"))
    assert not list(out.rglob(".*.tmp")), "a temp file of the killed run was left behind"


def test_rich_progress_on_a_terminal(tmp_path):
    """On a terminal the bar and the summary table render, without a traceback."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "b.txt").write_bytes((SAMPLES / "namcho-2567" / "report.txt").read_bytes())
    (src / "empty.pdf").write_bytes(b"")
    master, slave = pty.openpty()
    p = subprocess.Popen(cli("extract", str(src), "-o", str(tmp_path / "out")), cwd=ROOT, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=slave, env={**os.environ, "COLUMNS": "120"})
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    p.wait(timeout=120)
    os.close(master)
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert p.returncode == 2
    assert "Traceback" not in screen
    assert "summary" in screen and "skipped" in screen and "empty" in screen, screen[-2000:]


def test_stdout_mode_takes_exactly_one_file(tmp_path):
    for args in ([str(tmp_path)], [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]):
        p = subprocess.run(cli("extract", *args, "-o", "-"), cwd=ROOT, capture_output=True, text=True)
        assert p.returncode == 2 and "exactly one" in p.stderr and p.stdout == ""
