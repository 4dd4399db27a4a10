"""`./msom serve`: Odoo for production, with workers, the live bus and jobs.

Multi-process Odoo (one process per request at a time, so a slow report does
not hold up the residents), the gevent process for the bus websocket, OCA
queue_job loaded server-wide with its job runner, so the batches of a charge
run are spread over the workers. nginx (docs/nginx.conf) sits in front.
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


def job_channels(workers):
    """queue_job channels: jobs may take all workers but one (kept for pages)."""
    capacity = max(1, workers - 1)
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


def serve_environment(workers, port):
    """Environment of the server: the channels and port of queue_job's runner."""
    return {
        **os.environ,
        "ODOO_QUEUE_JOB_CHANNELS": job_channels(workers),
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
