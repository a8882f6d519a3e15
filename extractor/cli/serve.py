"""`ita serve [--host 127.0.0.1] [--port 8000] [--db FILE]`: the local web page for officers."""
from __future__ import annotations

import argparse
import ipaddress
import logging
import signal
import socket
import sys
from pathlib import Path

from ..history.base import db_arg
from .options import add_limit_args, options_from

WEB_TIMEOUT = 180.0   # seconds per upload: an officer waits on the page, a long scan is still read
WEB_MEMORY_MB = 2048  # per upload's worker: the server shares the machine with its users


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "serve", help="เปิดหน้าเว็บตรวจรายงานบนเครื่องนี้ (local web page: upload a draft, see its findings)",
        description="เปิดหน้าเว็บบนเครื่องนี้สำหรับอัปโหลดร่างรายงาน (PDF, DOCX, ภาพสแกน, ข้อความ) "
        "ดูตารางมาตรการและข้อสังเกตในตำแหน่งที่พบ; --db เปิดหน้าค้นหารายงานที่เก็บไว้ (ดู docs/web.md)")
    p.add_argument("--host", default="127.0.0.1",
                   help="ที่อยู่ที่รับการเชื่อมต่อ (default 127.0.0.1: เฉพาะเครื่องนี้)")
    p.add_argument("--port", type=int, default=8000, help="พอร์ต (default 8000)")
    p.add_argument("--db", type=db_arg, help="ฐานข้อมูลประวัติ (จาก `ita index`: ไฟล์ SQLite หรือ postgresql://…) "
                   "สำหรับหน้าค้นหา และเทียบกับรายงานปีก่อน (history store: the search page, and last year's "
                   "report for copied-from-previous-year)")
    p.add_argument("--max-mb", type=float, default=50, help="ขนาดไฟล์อัปโหลดสูงสุด MB (default 50)")
    p.add_argument("--keep-minutes", type=float, default=60,
                   help="ลบไฟล์ที่อัปโหลดและผลตรวจหลังจากกี่นาที (default 60)")
    p.add_argument("--workers", type=int, default=0,
                   help="จำนวนไฟล์ที่อ่านพร้อมกัน (default: จำนวนแกน CPU; files read at once)")
    p.add_argument("--queue", type=int, default=20,
                   help="จำนวนไฟล์ที่รอคิวได้ เกินนี้ตอบว่าไม่ว่าง (uploads waiting beyond the running ones; default 20)")
    p.add_argument("--rules", action="append", type=Path, default=[], metavar="FILE",
                   help="ไฟล์กฎ YAML เพิ่มเติม (เหมือน `ita extract --rules`)")
    add_limit_args(p, timeout=WEB_TIMEOUT, max_memory=WEB_MEMORY_MB)
    p.set_defaults(func=run)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def listen_error(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on (in use, no such address), or None when it can."""
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
        family, _, _, _, addr = infos[0]
        with socket.socket(family, socket.SOCK_STREAM) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself does
            s.bind(addr)
    except OSError as e:
        return e.strerror or str(e)
    return None


def run(args: argparse.Namespace) -> int:
    from ..batch.pool import default_workers
    from ..web.app import create_app, jobs_of

    if not 0 < args.port < 65536:
        print(f"ita: พอร์ตไม่ถูกต้อง {args.port} (port must be 1–65535)", file=sys.stderr)
        return 2
    problem = listen_error(args.host, args.port)
    if problem:
        print(f"ita: เปิดพอร์ต {args.port} ไม่ได้ ลองใช้ --port อื่น "
              f"(cannot listen on {args.host}:{args.port}: {problem})", file=sys.stderr)
        return 2
    loopback = is_loopback(args.host)
    workers = max(1, args.workers or default_workers())
    options = options_from(args, ocr_workers=max(1, default_workers() // workers))
    if args.db:  # the rules compare each upload with the agency's report of the year before
        options = options.replace(history=str(args.db))
    app = create_app(db=args.db, max_mb=args.max_mb, ttl=args.keep_minutes * 60, workers=workers,
                     options=options, max_queue=max(0, args.queue), loopback_only=loopback)
    if not loopback:
        print(f"ita: คำเตือน เปิดให้เครื่องอื่นเข้าถึงได้ที่ {args.host} — ไม่มีการยืนยันตัวตน "
              "(warning: reachable from other machines, no authentication)", file=sys.stderr)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"ita: เปิดเบราว์เซอร์ที่ http://{shown}:{args.port}/  (กด Ctrl+C เพื่อหยุด; Ctrl+C to stop)",
          file=sys.stderr)
    # the page polls each second: keep those lines out of the console, log the rest
    logging.getLogger("werkzeug").addFilter(lambda record: "/status " not in record.getMessage())
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # a service stop still removes the upload folder
    try:
        app.run(host=args.host, port=args.port, threaded=True, use_reloader=False, debug=False)
    except (OSError, SystemExit) as e:
        if isinstance(e, SystemExit) and not e.code:
            return 0  # SIGTERM: a normal stop
        print(f"ita: เซิร์ฟเวอร์หยุดทำงาน (server stopped: {e})", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    finally:
        jobs_of(app).close()
    return 0
