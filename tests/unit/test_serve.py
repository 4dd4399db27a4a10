"""The command line `./msom serve` gives Odoo."""

import unittest

from tests.runner import serve
from tests.runner.odoo_run import Odoo, read_odoo_conf
from tests.runner.postgres import Postgres


class TestServeCommand(unittest.TestCase):
    def command(self, **options):
        postgres = Postgres("127.0.0.1", "5432", "msom", "msom", managed=True)
        odoo = Odoo(postgres, read_odoo_conf())
        return serve.serve_command(
            odoo, "coop.1", "127.0.0.1", 8069, 8072, 5, 1, **options
        )

    def test_production_options(self):
        command = self.command()
        # the start script, not -m odoo: the master re-runs it for gevent
        self.assertTrue(command[1].endswith(("odoo-bin", "odoo")))
        for option in (
            "--workers=5",
            "--max-cron-threads=1",
            "--gevent-port=8072",
            "--load=base,web,queue_job",
            "--proxy-mode",
            "--db-filter=^coop\\.1$",
            "--db_host=127.0.0.1",
        ):
            self.assertIn(option, command)

    def test_web_server_without_job_runner(self):
        self.assertIn("--load=base,web", self.command(jobs=False))

    def test_job_channels_leave_a_worker_for_pages(self):
        self.assertEqual(serve.job_channels(5), "root:4,root.msom_billing:4")
        self.assertEqual(serve.job_channels(1), "root:1,root.msom_billing:1")
        environment = serve.serve_environment(3, 8069)
        self.assertEqual(
            environment["ODOO_QUEUE_JOB_CHANNELS"], "root:2,root.msom_billing:2"
        )
        self.assertEqual(environment["ODOO_QUEUE_JOB_PORT"], "8069")
