"""A throwaway PostgreSQL cluster of our own, for tests that restart it.

The server tests restart PostgreSQL and start a hot standby: that must not
disturb the cluster everyone else uses. The cluster lives in a temporary
folder, listens on 127.0.0.1 only, and is removed at the end. As root, its
processes run as the `postgres` system user (PostgreSQL refuses root).
"""

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .environment import SetupError
from .postgres import LOCAL_PASSWORD, LOCAL_ROLE, Postgres


def bin_dir():
    """PostgreSQL's server programs (initdb, pg_ctl): pg_config's or Debian's."""
    pg_config = shutil.which("pg_config")
    if pg_config:
        folder = subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True
        ).stdout.strip()
        if Path(folder, "initdb").is_file():
            return Path(folder)
    debian = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(Path(path).parts[4]),
    )
    if debian:
        return Path(debian[-1]).parent
    raise SetupError("PostgreSQL's initdb is missing (Debian: postgresql package)")


class Cluster:
    """A cluster in `folder`/`name`, on `port`, with the role msom/msom."""

    def __init__(self, folder, name, port):
        self.folder = Path(folder)
        self.data = self.folder / name
        self.port = port
        self.bin = bin_dir()

    @classmethod
    def create(cls, port):
        folder = Path(tempfile.mkdtemp(prefix="msom-pg-"))
        cluster = cls(folder, "primary", port)
        try:
            if os.geteuid() == 0:
                shutil.chown(folder, "postgres", "postgres")
            cluster.run(
                "initdb",
                "--no-sync",
                "--username=postgres",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                f"--pgdata={cluster.data}",
            )
            cluster.start()
            cluster.psql(
                f"CREATE ROLE {LOCAL_ROLE} LOGIN CREATEDB REPLICATION "
                f"PASSWORD '{LOCAL_PASSWORD}'; "
                f"GRANT pg_signal_backend TO {LOCAL_ROLE}; "
                f"ALTER ROLE {LOCAL_ROLE} SET jit = off"
            )
        except BaseException:
            cluster.remove()
            raise
        return cluster

    def run(self, program, *arguments, **kwargs):
        command = [str(self.bin / program), *arguments]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        completed = subprocess.run(
            command,
            cwd=self.folder,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            **kwargs,
        )
        if completed.returncode:
            raise SetupError(
                f"{program} failed: {(completed.stderr or completed.stdout).strip()}"
            )
        return completed.stdout

    def start(self):
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off -c jit=off"
        )
        self.run(
            "pg_ctl",
            "start",
            "--wait",
            f"--pgdata={self.data}",
            f"--log={self.folder / (self.data.name + '.log')}",
            f"--options={options}",
        )

    def stop(self, mode="fast"):
        self.run("pg_ctl", "stop", "--wait", f"--mode={mode}", f"--pgdata={self.data}")

    def restart(self):
        """Stop (ending every session, as a crash or an upgrade does) and start."""
        self.stop()
        self.start()

    def psql(self, statement, dbname="postgres"):
        return self.run(
            "psql",
            "-X",
            "-At",
            "-v",
            "ON_ERROR_STOP=1",
            f"--host={self.folder}",
            f"--port={self.port}",
            "--username=postgres",
            f"--dbname={dbname}",
            f"--command={statement}",
        )

    def postgres(self):
        return Postgres(
            "127.0.0.1", str(self.port), LOCAL_ROLE, LOCAL_PASSWORD, managed=True
        )

    def standby(self, port):
        """A hot standby of this cluster, streaming from it (pg_basebackup -R)."""
        replica = Cluster(self.folder, "replica", port)
        self.run(
            "pg_basebackup",
            f"--pgdata={replica.data}",
            "--host=127.0.0.1",
            f"--port={self.port}",
            f"--username={LOCAL_ROLE}",
            "--write-recovery-conf",
            "--wal-method=stream",
            "--checkpoint=fast",
            env={**os.environ, "PGPASSWORD": LOCAL_PASSWORD},
        )
        replica.start()
        return replica

    def remove(self):
        """Stop the clusters of the folder and delete it."""
        for data in self.folder.glob("*/PG_VERSION"):
            try:
                self.run(
                    "pg_ctl", "stop", "--mode=immediate", f"--pgdata={data.parent}"
                )
            except SetupError:
                pass  # not running
        shutil.rmtree(self.folder, ignore_errors=True)
