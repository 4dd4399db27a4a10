"""`./msom serve`: Odoo for production, with workers, the live bus and jobs.

Multi-process Odoo (one process per request at a time, so a slow report does
not hold up the residents), the gevent process for the bus websocket, OCA
queue_job loaded server-wide with its job runner, so the batches of a charge
run are spread over half the CPUs. nginx (docs/nginx.conf) sits in front.
"""

import os
import re
import shutil
import sys
from pathlib import Path

from .environment import SetupError

# Per worker: Odoo's own defaults for memory; time enough for a charge-run
# batch (queue jobs are HTTP requests of a worker).
LIMITS = [
    "--limit-memory-soft=2147483648",
    "--limit-memory-hard=2684354560",
    "--limit-time-cpu=300",
    "--limit-time-real=600",
    "--limit-request=65536",
]
SERVER_WIDE_MODULES = "base,web"
JOB_RUNNER = "queue_job"  # loaded server-wide, it runs the job runner
JOB_CHANNEL = "root.msom_billing"


def default_workers():
    """Odoo's rule of thumb: two HTTP workers per CPU, plus one."""
    return 2 * (os.cpu_count() or 1) + 1


def default_job_workers(workers):
    """Jobs running at once on a server that also serves pages: half the
    CPUs, and never every worker. A charge-run batch keeps a CPU busy (its
    worker and PostgreSQL), so more jobs than that would slow the residents'
    pages without finishing the run sooner. A dedicated job server
    (`--job-workers` = CPUs) runs more."""
    return max(1, min(workers - 1, (os.cpu_count() or 1) // 2))


def job_channels(job_workers):
    """queue_job channels: job_workers jobs at once, charge runs included."""
    capacity = max(1, job_workers)
    return f"root:{capacity},{JOB_CHANNEL}:{capacity}"


def odoo_script():
    """Odoo's start script: the master runs `sys.argv[0] gevent` for the
    websocket process, which `python -m odoo` would make odoo/__main__.py."""
    import odoo.release  # noqa: PLC0415 (Odoo is checked before this runs)

    source_script = Path(odoo.release.__file__).parents[1] / "odoo-bin"
    script = source_script if source_script.is_file() else shutil.which("odoo")
    if not script:
        raise SetupError("Odoo's start script (odoo-bin or odoo) is missing")
    return str(script)


def serve_command(
    odoo, dbname, interface, port, gevent_port, workers, cron_workers, jobs=True
):
    """The Odoo command line of `./msom serve` (PostgreSQL from odoo)."""
    server_wide = f"{SERVER_WIDE_MODULES},{JOB_RUNNER}" if jobs else SERVER_WIDE_MODULES
    return [
        sys.executable,
        odoo_script(),
        *odoo.options(),
        f"--database={dbname}",
        f"--db-filter=^{re.escape(dbname)}$",
        f"--http-interface={interface}",
        f"--http-port={port}",
        f"--gevent-port={gevent_port}",
        f"--workers={workers}",
        f"--max-cron-threads={cron_workers}",
        f"--load={server_wide}",
        "--proxy-mode",
        *LIMITS,
    ]


def limit_threads(environment):
    """A single-process server takes as many requests at once as Odoo's
    rule allows (half its database connections): beyond that, requests
    wait for a thread instead of failing with a full connection pool."""
    environment.setdefault("ODOO_MAX_HTTP_THREADS", "auto")
    return environment


def serve_environment(workers, port, job_workers=None):
    """Environment of the server: the channels and port of queue_job's runner."""
    return {
        **limit_threads(dict(os.environ)),
        "ODOO_QUEUE_JOB_CHANNELS": job_channels(
            job_workers or default_job_workers(workers)
        ),
        "ODOO_QUEUE_JOB_HOST": "127.0.0.1",
        "ODOO_QUEUE_JOB_PORT": str(port),
    }


def add_arguments(parser):
    parser.add_argument("--db", default="msom", help="database (default msom)")
    parser.add_argument(
        "--interface",
        default=os.environ.get("MSOM_HTTP_INTERFACE", "127.0.0.1"),
        help="address to listen on (127.0.0.1: nginx in front)",
    )
    parser.add_argument("--port", type=int, default=8069, help="HTTP port (8069)")
    parser.add_argument(
        "--gevent-port", type=int, default=8072, help="websocket port (8072)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=default_workers(),
        help=f"HTTP worker processes (default 2 × CPUs + 1 = {default_workers()})",
    )
    parser.add_argument(
        "--cron-workers", type=int, default=1, help="cron worker processes (1)"
    )
    parser.add_argument(
        "--job-workers",
        type=int,
        help="queue jobs at once (default half the CPUs, at most the workers "
        "but one; a dedicated job server: the CPUs)",
    )
    parser.add_argument(
        "--no-jobs",
        dest="jobs",
        action="store_false",
        help="no queue_job runner here (one runs per database, on a job server)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="load the demo data when creating the database",
    )
    parser.add_argument(
        "--update", action="store_true", help="update the modules of an existing db"
    )
