"""Throwaway databases and what runs in them, shared by the commands
(cli.py) and the suites (faults.py, server_tests.py): names, installing
modules, running a script, dropping; log paths and durations as printed."""

import os
import secrets
import subprocess
import time
from datetime import datetime
from pathlib import Path

from .environment import REPO, SetupError, say
from .odoo_run import LOG_DIR, run_logged

INSTALL_OPTIONS = ["--stop-after-init", "--workers=0", "--max-cron-threads=0"]


def relative(path):
    return path.relative_to(REPO) if path.is_relative_to(REPO) else path


def log_path(kind):
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    return LOG_DIR / f"{kind}-{datetime.now():%Y%m%d-%H%M%S}.log"


def throwaway_database_name(odoo, kind):
    name = f"msom_{kind}_{os.getpid()}"
    # In containers ./msom is often PID 1: keep concurrent runs apart.
    if odoo.postgres.database_exists(name):
        name += f"_{secrets.token_hex(3)}"
    return name


def drop_database(odoo, dbname):
    """Drop the database and its filestore; say so if it could not be."""
    if odoo.postgres.drop_database(dbname):
        odoo.remove_filestore(dbname)


def missing_modules(odoo, dbname, modules):
    """The modules that are not installed in dbname."""
    return sorted(set(modules) - odoo.postgres.installed_modules(dbname, modules))


def install_modules(odoo, dbname, modules, log, *options):
    """Install (or update) modules with Odoo; raise SetupError on failure."""
    say(f"Installing {', '.join(modules)} in {dbname} (log: {relative(log)})…")
    started = time.monotonic()
    code = run_logged(
        odoo.command(f"--database={dbname}", *INSTALL_OPTIONS, *options), log
    )
    missing = missing_modules(odoo, dbname, modules)
    if code or missing:
        raise SetupError(
            f"Installing the modules failed (exit code {code}"
            + (f", not installed: {', '.join(missing)}" if missing else "")
            + f"); see {relative(log)}"
        )
    say(f"Installed in {format_duration(time.monotonic() - started)}")


def run_script(odoo, dbname, script, *arguments, log=None):
    command = odoo.script_command(dbname, script, *arguments)
    if log:
        code = run_logged(command, log)
    else:
        code = subprocess.run(command, stdin=subprocess.DEVNULL).returncode
    if code:
        where = f"; see {relative(log)}" if log else ""
        raise SetupError(f"{relative(Path(script))} failed (exit code {code}){where}")


def format_duration(seconds):
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes}m{seconds:02d}s" if minutes else f"{seconds}s"
