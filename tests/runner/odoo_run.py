"""Build and run Odoo command lines for this repository."""

import ast
import configparser
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .environment import REPO, say
from .odoo_log import RECORD_START

ODOO_CONF = REPO / "odoo.conf"
LOG_DIR = REPO / "var" / "log"
# Extra addons directories (os.pathsep-separated) whose modules are installed
# and tested along with ours; used to test the runner itself.
EXTRA_ADDONS_VARIABLE = "MSOM_EXTRA_ADDONS"
ECHOED_LEVELS = ("WARNING", "ERROR", "CRITICAL")


def read_odoo_conf():
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ODOO_CONF, encoding="utf-8")
    return dict(parser["options"]) if parser.has_section("options") else {}


def in_repo(path_text):
    """An odoo.conf path, relative paths being relative to the repository."""
    return (REPO / os.path.expanduser(path_text.strip())).resolve()


def extra_addons_dirs():
    value = os.environ.get(EXTRA_ADDONS_VARIABLE, "")
    return [Path(path).resolve() for path in value.split(os.pathsep) if path]


def read_manifest(module_dir):
    return ast.literal_eval((module_dir / "__manifest__.py").read_text("utf-8"))


@dataclass
class Odoo:
    postgres: object  # postgres.Postgres
    conf: dict

    @property
    def addons_dirs(self):
        configured = self.conf.get("addons_path", "addons").split(",")
        return [in_repo(path) for path in configured if path.strip()]

    @property
    def data_dir(self):
        if self.conf.get("data_dir"):
            return in_repo(self.conf["data_dir"])
        from odoo.tools import config  # once Odoo is checked

        return Path(config["data_dir"])  # Odoo's default

    def options(self):
        """Options common to every Odoo run: config, paths, database server."""
        addons_path = ",".join(map(str, self.addons_dirs + extra_addons_dirs()))
        return [
            f"--config={ODOO_CONF}",
            f"--addons-path={addons_path}",
            f"--data-dir={self.data_dir}",
            *self.postgres.odoo_args(),
        ]

    def command(self, *arguments):
        return [sys.executable, "-m", "odoo", *self.options(), *arguments]

    def test_command(self, dbname, modules, http_port, also_install=()):
        """Install the modules (and `also_install`, untested) in a new
        database and run their tests."""
        return self.command(
            f"--database={dbname}",
            f"--init={','.join([*modules, *also_install])}",
            "--test-enable",
            f"--test-tags={','.join('/' + module for module in modules)}",
            # tours talk to this server; a free port keeps clear of a demo
            "--http-interface=127.0.0.1",
            f"--http-port={http_port}",
            "--stop-after-init",
            "--workers=0",
            "--max-cron-threads=0",
            "--log-level=info",
        )

    def script_command(self, dbname, script, *arguments):
        """Run `run(env, arguments)` of a Python file in an Odoo environment."""
        # Run as a module from the repository (cli.py makes it the current
        # directory), so that its siblings do not shadow other modules.
        return [
            sys.executable,
            "-m",
            "tests.runner.odoo_exec",
            *self.options(),
            f"--database={dbname}",
            "--log-level=warn",
            "--",
            str(script),
            *arguments,
        ]

    def our_modules(self):
        """Names of the modules to install: msom_* plus any extra addons."""
        module_dirs = [
            path
            for addons in self.addons_dirs
            for path in sorted(addons.glob("msom_*"))
            if (path / "__manifest__.py").is_file()
        ]
        for addons in extra_addons_dirs():
            module_dirs += sorted(
                path.parent for path in addons.glob("*/__manifest__.py")
            )
        names = []
        for module_dir in module_dirs:
            try:
                installable = read_manifest(module_dir).get("installable", True)
            except (SyntaxError, ValueError):
                installable = True  # let the run report it as not installed
            if installable:
                names.append(module_dir.name)
        return names

    def broken_manifests(self, modules):
        """(module, error) for the modules whose manifest Odoo cannot read."""
        broken = []
        for addons in self.addons_dirs + extra_addons_dirs():
            for module in modules:
                if (addons / module / "__manifest__.py").is_file():
                    try:
                        read_manifest(addons / module)
                    except (SyntaxError, ValueError) as error:
                        broken.append((module, f"{type(error).__name__}: {error}"))
        return broken

    def remove_filestore(self, dbname):
        shutil.rmtree(self.data_dir / "filestore" / dbname, ignore_errors=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Hung(Exception):
    """Odoo wrote nothing for IDLE_TIMEOUT seconds; it was stopped."""


def idle_timeout():
    # A test waiting on a lock (e.g. wkhtmltopdf fetching assets from the
    # server that runs the test) would otherwise block CI forever.
    return int(os.environ.get("MSOM_IDLE_TIMEOUT", 15 * 60))


def run_logged(command, log_path, echo=None):
    """Run Odoo with its output in `log_path`; echo the lines `echo` accepts.

    Returns the exit code. Raises Hung if Odoo stays silent too long (after
    writing the stacks of its threads to the log). On Ctrl-C (or SIGTERM, see
    cli.py) Odoo is stopped before the interruption goes on.
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    echo = echo or echo_problems
    lines = queue.Queue()
    with open(log_path, "w", encoding="utf-8") as log:
        # Its own session: stopping it stops its children too (wkhtmltopdf,
        # Chromium), and the terminal's Ctrl-C reaches only us.
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            start_new_session=True,
        )
        reader = threading.Thread(target=_read_lines, args=(process, lines))
        reader.start()
        try:
            while (line := lines.get(timeout=idle_timeout())) is not None:
                log.write(line)
                if shown := echo(line):
                    say(shown)
            return process.wait()
        except queue.Empty:
            _dump_stacks(process, log, lines)
            stop(process)
            raise Hung(f"Odoo wrote nothing for {idle_timeout()} s") from None
        except BaseException:
            stop(process)
            raise
        finally:
            reader.join(timeout=5)


def _read_lines(process, lines):
    for line in process.stdout:
        lines.put(line)
    lines.put(None)


def _dump_stacks(process, log, lines):
    """Have Odoo log the stack of every thread (its SIGQUIT handler)."""
    process.send_signal(signal.SIGQUIT)
    deadline = time.monotonic() + 5
    while (left := deadline - time.monotonic()) > 0:
        try:
            line = lines.get(timeout=left)
        except queue.Empty:
            break
        if line is None:
            break
        log.write(line)
    log.flush()


def stop(process):
    """Ask Odoo and its children to stop; kill them after 30 s."""
    if process.poll() is None:
        _signal_group(process, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
    _signal_group(process, signal.SIGKILL)  # leftovers such as wkhtmltopdf
    process.wait()


def _signal_group(process, signum):
    try:
        os.killpg(process.pid, signum)
    except ProcessLookupError:
        pass


def echo_problems(line):
    """Warnings and errors, first line only, as progress on the console."""
    match = RECORD_START.match(line)
    if match and match["level"] in ECHOED_LEVELS:
        text = f"  {match['level']} {match['logger']}: {match['message']}"
        return text if len(text) <= 200 else text[:197] + "..."
    return None
