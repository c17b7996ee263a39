"""Booking throughput (issue 7): POST /api/v1/bookings/ under 32 concurrent clients.

gunicorn serves the benchmark's database with DEBUG off; `wrk` (C, one thread) is the load
generator so that the 2 cores go to the server. Every request is another agent's other block,
so bookings never queue on each other's locks. Each gunicorn configuration of CONFIGS is
measured after a warm-up; the bookings are removed between runs.
"""

import contextlib
import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.db import connection
from rest_framework.authtoken.models import Token

from scheduling.models import Booking
from tests.bench.bookings import HALF_HOUR, agents, program_with_slots, tomorrow
from tests.bench.common import Row

TITLE = "Booking throughput (issue 7): POST /api/v1/bookings/, gunicorn + PostgreSQL, wrk -c 32"
PORT = int(os.environ.get("BOOKING_BENCH_PORT", "8937"))
CLIENTS = 32
SECONDS = int(os.environ.get("BOOKING_BENCH_SECONDS", "10"))
# 10,560 different bookings over 28 days (inside the bench programs' 30-day horizon): enough for
# 10 s at over 900/s without repeating one (a repeat is a 409). 352 and 1,344 share only 32, so
# agent a's j-th blocks (j < 42) never meet and lie 32 slots (16 h) apart or more.
AGENTS, BLOCKS_EACH, SLOTS_PER_PROGRAM = 352, 30, 1344
WARM_UP = 1280  # 2 s of requests without repeating one, at up to 640/s
CONFIGS = [
    c.split(":") for c in os.environ.get("BOOKING_BENCH_CONFIGS", "sync:2:1,sync:3:1").split(",")
]
LUA = Path(__file__).with_name("booking_load.lua")
findings: list[str] = []


def entries_files() -> tuple[Path, Path]:
    """Lines of token, program, start, end (agent a's j-th block): the measured run's and, apart
    from them, the warm-up's (a warm-up request still running must not take a measured block)."""
    start = tomorrow()
    programs = [
        program_with_slots(name=f"Load {n}", seats=2, start=start, slots=SLOTS_PER_PROGRAM)
        for n in range(AGENTS * BLOCKS_EACH // SLOTS_PER_PROGRAM + 1)
    ]
    tokens = [Token.objects.create(user=agent).key for agent in agents(AGENTS)]
    lines = []
    for j in range(BLOCKS_EACH):
        for a, token in enumerate(tokens):
            # agent a's blocks lie 32 slots (16 h) apart or more: no overlap, no long runs
            index = a + j * AGENTS
            moment = start + (index % SLOTS_PER_PROGRAM) * HALF_HOUR
            program = programs[index // SLOTS_PER_PROGRAM]
            end = moment + HALF_HOUR
            lines.append(f"{token} {program.pk} {moment:%Y-%m-%dT%H:%MZ} {end:%Y-%m-%dT%H:%MZ}")
    folder = Path(tempfile.mkdtemp(prefix="booking-bench-"))
    (folder / "warm-up.txt").write_text("\n".join(lines[:WARM_UP]) + "\n")
    (folder / "measured.txt").write_text("\n".join(lines[WARM_UP:]) + "\n")
    return folder / "warm-up.txt", folder / "measured.txt"


def gunicorn(worker_class: str, workers: str, threads: str) -> subprocess.Popen:
    settings = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/"
        f"{settings['NAME']}",
        "DEBUG": "false",
        "SECRET_KEY": "booking-benchmark-only-secret-key-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1",
        "BEHIND_HTTPS": "false",
        "LOG_LEVEL": "ERROR",  # no line per refused (4xx) request
    }
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "gigcx.wsgi",
        f"--bind=127.0.0.1:{PORT}",
        f"--worker-class={worker_class}",
        f"--workers={workers}",
        f"--threads={threads}",
        "--backlog=256",
        "--preload",  # the app loads (and gc.freeze()s, gigcx/wsgi.py) once, before the fork
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, env=env)
    for _ in range(300):  # the workers answer once they have booted, not when the port opens
        with contextlib.suppress(OSError):
            answer = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
            answer.request("GET", "/healthz")
            answer.getresponse()
            return server
        time.sleep(0.1)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def wrk(entries: Path, seconds: int) -> dict[str, float]:
    env = {**os.environ, "ENTRIES": str(entries), "WRK_THREADS": "1"}
    output = subprocess.run(
        [
            shutil.which("wrk"),
            "-t1",
            f"-c{CLIENTS}",
            f"-d{seconds}s",
            "-s",
            str(LUA),
            f"http://127.0.0.1:{PORT}",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    figures = {}
    for key, value in re.findall(r"^(status \d+|seconds|p\d+) ([\d.]+)$", output, re.MULTILINE):
        figures[key] = float(value)
    errors = re.search(r"Socket errors: (.*)$", output, re.MULTILINE)
    figures["socket errors"] = errors.group(1) if errors else "none"
    return figures


def cpu_seconds(pids: set[int]) -> dict[int, float]:
    """User + system CPU each process has used so far (from /proc)."""
    used = {}
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            used[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return used


def server_pids(server: subprocess.Popen) -> tuple[set[int], set[int]]:
    """gunicorn's workers, and the PostgreSQL backends serving the benchmark's database."""
    workers = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == server.pid:
                workers.add(int(stat.parent.name))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        return workers, {pid for (pid,) in cursor.fetchall()}


def measure(warm_up: Path, entries: Path, config: list[str]) -> Row:
    worker_class, workers, threads = config
    label = f"gunicorn {worker_class} ×{workers}" + (
        f" ×{threads} threads" if threads != "1" else ""
    )
    server = gunicorn(worker_class, workers, threads)
    try:
        wrk(warm_up, 2)  # connections, imports, caches
        time.sleep(1)  # requests wrk gave up on finish
        before = Booking.objects.count()
        cpu_before = cpu_seconds(set().union(*server_pids(server)))
        figures = wrk(entries, SECONDS)
        workers, backends = server_pids(server)
        cpu_after = cpu_seconds(workers | backends)
    finally:
        server.terminate()
        server.wait()
    booked = Booking.objects.count() - before
    Booking.objects.all().delete()
    created = figures.get("status 201", 0)

    def cpu_ms(pids: set[int]) -> float:  # requests wrk gave up on still booked, and cost
        used = sum(cpu_after.get(pid, 0) - cpu_before.get(pid, 0) for pid in pids)
        return used / max(booked, 1) * 1000

    python_ms, postgres_ms = cpu_ms(workers), cpu_ms(backends)
    total_ms = python_ms + postgres_ms
    other = {k: int(v) for k, v in figures.items() if k.startswith("status ") and k != "status 201"}
    findings.append(
        f"| {label} | {created / figures['seconds']:.0f} | {figures['p50']:.1f} | "
        f"{figures['p95']:.1f} | {figures['p99']:.1f} | {int(created)} (database: {booked}) | "
        f"{other or 'none'}; socket errors: {figures['socket errors']} | {total_ms:.1f} "
        f"({python_ms:.1f} + {postgres_ms:.1f}) | {2000 / total_ms:.0f} |"
    )
    return label, int(created), figures["seconds"]


def run() -> list[Row]:
    findings.clear()
    if shutil.which("wrk") is None:
        findings.append("wrk is not installed (apt-get install -y wrk): nothing measured.")
        return []
    warm_up, entries = entries_files()
    return [measure(warm_up, entries, config) for config in CONFIGS]


def report() -> None:
    print(f"\nload average before: {os.getloadavg()[0]:.2f}\n")
    print(
        "| server | bookings/s | p50 ms | p95 ms | p99 ms | booked | other answers "
        "| CPU ms per booking (gunicorn + PostgreSQL) | bookings/s 2 idle cores could do |"
    )
    print("|---|---:|---:|---:|---:|---:|---|---:|---:|")
    print("\n".join(findings))
