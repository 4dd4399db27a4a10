# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged

from odoo.addons.msom_billing.tests.common import MsomBillingCase


@tagged("post_install", "-at_install")
class TestPostingHook(MsomBillingCase):
    """With a module overriding _post installed, the charge run and the
    interest notes post through the ORM, and the module's override runs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._occupy(cls.unit_1, cls.owner)
        cls._occupy(cls.unit_2, cls.neighbour)

    def test_override_is_seen(self):
        Move = self.env["account.move"]
        self.assertIn(
            ("account.move", "_post", "msom_test_posting_hook"),
            Move._msom_unreviewed_overrides(),
        )
        self.assertFalse(Move._msom_fast_posting())

    def test_charge_run_posts_through_the_override(self):
        run = self._run("2025-03-01", batch_size=1)
        run.action_preview()
        moves = self._post_through_jobs(run, 2)
        self.assertEqual(moves.mapped("msom_test_post_count"), [1, 1])
