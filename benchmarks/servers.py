"""Real servers for the benchmark and the two-server test: a PostgreSQL database of their own,
gunicorn processes on loopback ports, and an end to each that never outlives the run.

Everything here talks to the services the machine already runs (``DATABASE_URL``-style
PostgreSQL on 127.0.0.1:5432, Redis on 127.0.0.1:6379); nothing listens beyond loopback.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_SITE = ROOT / "example_site"
GUNICORN = Path(sys.executable).with_name("gunicorn")

__all__ = [
    "ROOT",
    "Server",
    "copy_database",
    "drop_database",
    "postgres_available",
    "recreate_database",
    "redis_available",
    "server_environment",
]


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def postgres_available(url: str) -> bool:
    parts = urlsplit(url)
    return _reachable(parts.hostname or "127.0.0.1", parts.port or 5432)


def redis_available(url: str) -> bool:
    parts = urlsplit(url)
    if not _reachable(parts.hostname or "127.0.0.1", parts.port or 6379):
        return False
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_timeout=2).ping())
    except Exception:
        return False


def _name_and_admin(url: str) -> tuple[str, str]:
    """The database ``url`` names and the URL of its server's ``postgres`` database. The name is
    written into SQL (``CREATE DATABASE`` takes no parameters), so only plain names pass."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.replace("_", "").isalnum():
        raise ValueError(f"refusing an odd database name: {name!r}")
    return name, parts._replace(path="/postgres").geturl()


def recreate_database(url: str) -> None:
    """Drop and create the database ``url`` names (connecting to the server's ``postgres``)."""
    import psycopg

    name, admin = _name_and_admin(url)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def copy_database(source: str, target: str) -> None:
    """Make ``target`` a copy of ``source`` (PostgreSQL's ``CREATE DATABASE … TEMPLATE``).

    The source must have no open connections while it is copied; the copy is a file-level clone,
    seconds for the 10k data set, statistics included.
    """
    import psycopg

    source_name, admin = _name_and_admin(source)
    target_name, _admin = _name_and_admin(target)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{target_name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{target_name}" TEMPLATE "{source_name}"')


def drop_database(url: str) -> None:
    import psycopg

    name, admin = _name_and_admin(url)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_environment(settings_module: str, **extra: str) -> dict[str, str]:
    """The environment of a served example site (production settings, loopback only)."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        PYTHONPATH=os.pathsep.join([str(ROOT), str(EXAMPLE_SITE)]),
        DJANGO_SECRET_KEY=env.get("DJANGO_SECRET_KEY") or "benchmark-only-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


@dataclass
class Server:
    """One gunicorn serving the example site's WSGI app on ``127.0.0.1:port``."""

    port: int
    env: dict[str, str]
    workers: int = 2
    log: Path | None = None
    process: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> Server:
        if _reachable("127.0.0.1", self.port):
            raise RuntimeError(f"port {self.port} is already in use")
        output = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                "--config",
                "gunicorn.conf.py",  # the example site's production settings (gc.freeze)
                "example_site.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
            ],
            cwd=EXAMPLE_SITE,
            env=self.env,
            stdout=output,
            stderr=output,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn on {self.port} exited: see {self.log}")
            try:
                urllib.request.urlopen(self.url + "/api/v2/pages/?limit=1", timeout=5).read()
                return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"gunicorn on {self.port} did not answer within {timeout}s")

    def worker_pids(self) -> list[int]:
        if self.process is None:
            return []
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def peak_rss_kib(self) -> int:
        """The largest peak resident set (VmHWM) among the workers, in KiB."""
        peaks = []
        for pid in self.worker_pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peaks.append(int(line.split()[1]))
            except OSError:
                continue
        return max(peaks, default=0)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)  # our own session: gunicorn and workers
            self.process.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
