"""A throwaway PostgreSQL server for the tests that need one (import the fixtures into the test module).

initdb in a fresh temporary folder, listening only on a Unix socket in that
folder (no TCP port, no password: ``trust`` for the one local user), stopped
and removed at teardown. PostgreSQL refuses to run as root, so under root (CI)
the server runs as the ``postgres`` user the Debian package creates (or
``nobody``). Skipped, with the reason, where PostgreSQL is not installed.
"""
from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

_counter = itertools.count()


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _utf8_ctype() -> str:
    """A UTF-8 character-class locale, so that pg_trgm sees Thai letters as letters (C sees bytes)."""
    have = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    return next((name for name in ("C.utf8", "C.UTF-8", "en_US.utf8", "th_TH.utf8") if name in have), "C")


def _run_as() -> str | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    pytest.skip("running as root and no 'postgres' or 'nobody' user to run PostgreSQL as")


@contextlib.contextmanager
def throwaway_server(*settings: str) -> Iterator[str]:
    """Start a server in a new temporary folder; yield its socket folder; stop and remove it.

    ``settings`` are extra ``-c name=value`` server options (the tests turn fsync off).
    """
    bindir = _bindir()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (scripts/setup.sh installs Debian's postgresql)")
    user = _run_as()
    base = Path(tempfile.mkdtemp(prefix="ita-pg-"))
    if user:
        pw = pwd.getpwnam(user)
        os.chown(base, pw.pw_uid, pw.pw_gid)
    data, log = base / "data", base / "server.log"
    run = dict(user=user, check=True, capture_output=True, text=True, cwd=base)
    options = " ".join([f"-k {base}", "-c listen_addresses=''", "-c max_connections=60",
                        *(f"-c {s}" for s in settings)])
    try:
        subprocess.run([str(bindir / "initdb"), "-D", str(data), "-U", "ita", "--auth=trust",
                        "--encoding=UTF8", "--locale=C", f"--lc-ctype={_utf8_ctype()}", "-N"], **run)
        subprocess.run([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
                        "-o", options, "start"], **run)
    except subprocess.CalledProcessError as e:
        shutil.rmtree(base, ignore_errors=True)
        raise RuntimeError(f"could not start PostgreSQL: {e.stderr or e.stdout}") from None
    try:
        yield str(base)
    finally:
        subprocess.run([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       user=user, capture_output=True, cwd=base)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def pg_server() -> Iterator[str]:
    """The socket folder of a running throwaway server (user ``ita``, trust), for one test module."""
    with throwaway_server("fsync=off") as folder:
        yield folder


def create_database(folder: str, name: str) -> str:
    """A new empty database on the server in ``folder``, as a ``postgresql://`` URL."""
    import psycopg
    with psycopg.connect(f"postgresql://ita@/postgres?host={folder}", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return f"postgresql://ita@/{name}?host={folder}"


@pytest.fixture()
def pg_url(pg_server: str) -> str:
    """A fresh, empty database on the throwaway server, as a ``postgresql://`` URL."""
    return create_database(pg_server, f"t{os.getpid()}_{next(_counter)}")
