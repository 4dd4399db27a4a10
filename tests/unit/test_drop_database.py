"""Databases are dropped even while a session ./msom may not end is on them."""

import contextlib
import io
import secrets
import subprocess
import time
import unittest
from unittest import mock

from tests.runner import postgres as postgres_module
from tests.runner.environment import is_debian_root
from tests.runner.odoo_run import read_odoo_conf


class TestDropDatabase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with contextlib.redirect_stdout(io.StringIO()):
            cls.postgres = postgres_module.ensure_postgres(read_odoo_conf())

    def setUp(self):
        self.name = f"msom_unit_drop_{secrets.token_hex(4)}"
        self.postgres.query(f'CREATE DATABASE "{self.name}"')
        self.addCleanup(self.postgres.drop_database, self.name)

    def superuser_session(self, seconds):
        """A session of the superuser (like autovacuum's) on the database.

        pg_signal_backend does not allow ending it, so DROP ... WITH (FORCE)
        fails until it is over. Only on the local cluster run as root.
        """
        session = subprocess.Popen(
            ["runuser", "-u", "postgres", "--", "psql", "-p", self.postgres.port]
            + ["-d", self.name, "-c", f"SELECT pg_sleep({seconds})"],
            cwd="/",
            stdout=subprocess.DEVNULL,
        )
        self.addCleanup(session.wait)
        deadline = time.monotonic() + 10
        while not self.postgres.query(
            # Another role's query text is hidden from ours.
            "SELECT 1 FROM pg_stat_activity WHERE datname = %s AND usename = %s",
            [self.name, "postgres"],
        ):
            self.assertLess(time.monotonic(), deadline, "the session did not start")
            time.sleep(0.1)

    def test_dropped_although_other_sessions_are_open(self):
        connection = self.postgres.connect(self.name)
        self.addCleanup(connection.close)
        self.assertTrue(self.postgres.drop_database(self.name))
        self.assertFalse(self.postgres.database_exists(self.name))

    def drop_while_busy(self, seconds, pauses):
        """Drop the database while a superuser session lasts `seconds`,
        retrying after `pauses`; (dropped, what was said)."""
        self.superuser_session(seconds)
        with (
            mock.patch.object(postgres_module, "DROP_RETRY_PAUSES", pauses),
            contextlib.redirect_stdout(io.StringIO()) as output,
        ):
            return self.postgres.drop_database(self.name), output.getvalue()

    @unittest.skipUnless(
        is_debian_root(), "needs the local cluster's superuser (root on Debian)"
    )
    def test_retried_until_a_session_it_may_not_end_is_over(self):
        dropped, said = self.drop_while_busy(3, (2, 2, 2))
        self.assertTrue(dropped)
        self.assertIn("is still in use", said)
        self.assertFalse(self.postgres.database_exists(self.name))

    @unittest.skipUnless(
        is_debian_root(), "needs the local cluster's superuser (root on Debian)"
    )
    def test_said_when_it_could_not_be_dropped(self):
        dropped, said = self.drop_while_busy(5, (1,))
        self.assertFalse(dropped)
        self.assertIn(f"Could not drop the database {self.name}", said)
        self.assertTrue(self.postgres.database_exists(self.name))
