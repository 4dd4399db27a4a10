"""Find a PostgreSQL server for Odoo, starting a local one if we may.

Either the connection is configured (PGHOST/PGPORT/PGUSER/PGPASSWORD in the
environment, or db_host/db_port/db_user/db_password in odoo.conf), or, on
Debian as root, the local cluster is started and a role `msom` is created.
"""

import os
import shutil
import subprocess
import time
from dataclasses import dataclass

from .environment import SetupError, apt_install, is_debian_root, run_checked, say

ENV_SETTINGS = {
    "host": "PGHOST",
    "port": "PGPORT",
    "user": "PGUSER",
    "password": "PGPASSWORD",
}
LOCAL_ROLE = "msom"
LOCAL_PASSWORD = "msom"
WAIT_SECONDS = 30  # a database container may still be starting
# Pauses between attempts to drop a database in use: about 4 minutes in all,
# what autovacuum needs on a benchmark's freshly loaded database.
DROP_RETRY_PAUSES = (2, 5, 10, 20, 30, 60, 120)


@dataclass
class Postgres:
    host: str | None = None
    port: str | None = None
    user: str | None = None
    password: str | None = None
    # True when we run the local cluster: Odoo then gets the settings on its
    # command line; otherwise it reads them from the environment or odoo.conf.
    managed: bool = False

    def odoo_args(self):
        if not self.managed:
            return []
        return [
            f"--db_host={self.host}",
            f"--db_port={self.port}",
            f"--db_user={self.user}",
            f"--db_password={self.password}",
        ]

    def connect(self, dbname="postgres"):
        import psycopg2  # installed by ensure_python_requirements

        settings = {
            "host": self.host,
            "port": self.port,
            "user": self.user,
            "password": self.password,
        }
        # Unset values are left to libpq, which reads the PG* variables itself.
        given = {key: value for key, value in settings.items() if value}
        connection = psycopg2.connect(dbname=dbname, connect_timeout=5, **given)
        connection.autocommit = True
        return connection

    def query(self, sql, params=(), dbname="postgres"):
        connection = self.connect(dbname)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall() if cursor.description else []
        finally:
            connection.close()

    def database_exists(self, name):
        return bool(self.query("SELECT 1 FROM pg_database WHERE datname = %s", [name]))

    def drop_database(self, name):
        """Drop the database even while others use it; False if it stays.

        WITH (FORCE) terminates the other sessions, but an autovacuum worker
        (busy on a freshly loaded database) may only be terminated by a role
        in pg_signal_backend, which a configured role may lack: then no new
        connection is allowed and the drop is retried while autovacuum ends.
        """
        import psycopg2
        from psycopg2 import errors, sql

        database = sql.Identifier(name)
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(database)
        for pause in (*DROP_RETRY_PAUSES, None):
            try:
                self.query(drop)
                return True
            except (errors.InsufficientPrivilege, errors.ObjectInUse) as failure:
                error = failure
            if pause is None:
                break
            try:
                self.query(
                    sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS false").format(
                        database
                    )
                )
            except psycopg2.Error:
                pass  # not its owner: the next attempt tells
            say(
                f"Database {name} is still in use ({describe_error(error)}); "
                f"retrying in {pause} s"
            )
            time.sleep(pause)
        say(
            f"Could not drop the database {name}: {describe_error(error)}\n"
            f'Drop it later with: DROP DATABASE "{name}" WITH (FORCE)'
        )
        return False

    def installed_modules(self, dbname, names):
        """Which of `names` are installed in dbname (none if it is unusable)."""
        import psycopg2

        try:
            rows = self.query(
                "SELECT name FROM ir_module_module WHERE state = 'installed' "
                "AND name = ANY(%s)",
                [list(names)],
                dbname=dbname,
            )
        except psycopg2.Error:  # no such database, or Odoo never initialised it
            return set()
        return {name for (name,) in rows}

    def describe(self):
        where = f"{self.host or 'local socket'}:{self.port or 5432}"
        return f"{self.user or os.environ.get('USER', '?')}@{where}"


def describe_error(error):
    return str(error).strip().splitlines()[0] if error else "unknown error"


def configured_postgres(odoo_conf):
    """The connection set by the environment or odoo.conf, if any."""
    settings = {}
    for key, variable in ENV_SETTINGS.items():
        settings[key] = os.environ.get(variable) or odoo_conf.get(f"db_{key}") or None
    for key in ("host", "port", "user", "password"):
        if settings[key] in ("False", "false"):  # Odoo's way to say "unset"
            settings[key] = None
    if not any(settings.values()):
        return None
    if settings["user"] == "postgres":
        raise SetupError("Odoo refuses to connect as 'postgres'; use another role.")
    return Postgres(**settings)


def wait_until_reachable(postgres):
    import psycopg2

    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        try:
            postgres.connect().close()
            return
        except psycopg2.OperationalError as error:
            if time.monotonic() > deadline:
                raise SetupError(
                    f"Cannot connect to PostgreSQL as {postgres.describe()}: "
                    f"{str(error).strip()}"
                ) from error
            time.sleep(1)


def ensure_postgres(odoo_conf):
    postgres = configured_postgres(odoo_conf)
    if postgres:
        wait_until_reachable(postgres)
    else:
        postgres = ensure_local_cluster()
    turn_jit_off(postgres)
    return postgres


def turn_jit_off(postgres):
    """No JIT compilation for Odoo's connections.

    Queries under record rules get high cost estimates that make PostgreSQL
    JIT-compile them, which costs 50-100 ms each for queries that run in a
    few: a resident's ticket list took 1.3 s with JIT and 0.16 s without.
    Set on the role, as any role may for itself, so it holds for every
    database Odoo creates; production servers should set jit = off too.
    """
    postgres.query("ALTER ROLE CURRENT_USER SET jit = off")


# --- the local Debian cluster -----------------------------------------------


def list_clusters():
    """(version, name, port, online) of the Debian clusters, or []."""
    if not shutil.which("pg_lsclusters"):
        return []
    output = subprocess.run(
        ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True
    ).stdout
    clusters = []
    for line in output.splitlines():
        version, name, port, status, *_ = line.split()
        clusters.append((version, name, port, status.startswith("online")))
    return clusters


def pick_cluster():
    clusters = list_clusters()
    if not clusters and is_debian_root():
        apt_install("postgresql")
        clusters = list_clusters()
    if not clusters:
        raise SetupError(not_configured_message())
    online = [cluster for cluster in clusters if cluster[3]]
    # An online cluster if any, else the newest version.
    return (online or sorted(clusters, key=lambda c: float(c[0]), reverse=True))[0]


def ensure_local_cluster():
    version, name, port, online = pick_cluster()
    if not online:
        if not is_debian_root():
            raise SetupError(
                f"PostgreSQL {version}/{name} is stopped; start it "
                f"(pg_ctlcluster {version} {name} start) or " + not_configured_message()
            )
        run_checked(["pg_ctlcluster", version, name, "start"])
        say(f"PostgreSQL {version}/{name} started")
    postgres = Postgres("127.0.0.1", port, LOCAL_ROLE, LOCAL_PASSWORD, managed=True)
    if not can_connect(postgres):
        if not is_debian_root():
            raise SetupError(not_configured_message())
        create_local_role(port)
        say(f"PostgreSQL role {LOCAL_ROLE} created")
        wait_until_reachable(postgres)
    elif is_debian_root() and not may_signal_backends(postgres):
        create_local_role(port)  # grants what an older ./msom did not
    return postgres


def may_signal_backends(postgres):
    """True if the role may end autovacuum workers (see drop_database)."""
    rows = postgres.query(
        "SELECT pg_has_role(CURRENT_USER, 'pg_signal_backend', 'MEMBER')"
    )
    return rows[0][0]


def can_connect(postgres):
    import psycopg2

    try:
        postgres.connect().close()
    except psycopg2.OperationalError:
        return False
    return True


def create_local_role(port):
    # Odoo connects over TCP with a password: as root, peer authentication on
    # the Unix socket would not work for another role.
    statement = f"""
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{LOCAL_ROLE}')
            THEN CREATE ROLE {LOCAL_ROLE};
            END IF;
        END $$;
        ALTER ROLE {LOCAL_ROLE} WITH LOGIN CREATEDB PASSWORD '{LOCAL_PASSWORD}';
        -- so that DROP DATABASE ... WITH (FORCE) may end autovacuum workers
        GRANT pg_signal_backend TO {LOCAL_ROLE};
    """
    run_checked(
        [
            "runuser",
            "-u",
            "postgres",
            "--",
            "psql",
            "--quiet",
            "-p",
            port,
            "-d",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            statement,
        ],
        cwd="/",
        stdout=subprocess.DEVNULL,
    )


def not_configured_message():
    return (
        "No PostgreSQL server to use. Either set PGHOST, PGPORT, PGUSER and "
        "PGPASSWORD (or db_host, db_port, db_user and db_password in odoo.conf) "
        "for a role that may create databases (not 'postgres'), or run ./msom as "
        "root on Debian/Ubuntu so that it can start the local cluster itself."
    )
