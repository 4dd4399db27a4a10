"""The command line `./msom serve` gives Odoo."""

import unittest
from unittest.mock import patch

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

    def test_jobs_take_half_the_cpus_and_leave_a_worker_for_pages(self):
        self.assertEqual(serve.job_channels(2), "root:2,root.msom_billing:2")
        with patch("os.cpu_count", return_value=8):
            self.assertEqual(serve.default_job_workers(17), 4)
            self.assertEqual(serve.default_job_workers(3), 2)
        with patch("os.cpu_count", return_value=2):
            self.assertEqual(serve.default_job_workers(5), 1)
            environment = serve.serve_environment(5, 8069)
        self.assertEqual(
            environment["ODOO_QUEUE_JOB_CHANNELS"], "root:1,root.msom_billing:1"
        )
        self.assertEqual(
            serve.serve_environment(5, 8069, job_workers=3)["ODOO_QUEUE_JOB_CHANNELS"],
            "root:3,root.msom_billing:3",
        )
        self.assertEqual(environment["ODOO_QUEUE_JOB_PORT"], "8069")

    def test_single_process_threads_bounded_by_the_connection_pool(self):
        with patch.dict("os.environ", clear=True):
            self.assertEqual(
                serve.serve_environment(0, 8069)["ODOO_MAX_HTTP_THREADS"], "auto"
            )
        with patch.dict("os.environ", {"ODOO_MAX_HTTP_THREADS": "40"}):
            self.assertEqual(
                serve.serve_environment(0, 8069)["ODOO_MAX_HTTP_THREADS"], "40"
            )
