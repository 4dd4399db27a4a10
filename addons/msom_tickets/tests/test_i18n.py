# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from pathlib import Path

import polib

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.msom_estate.tests.common import MsomPolishMixin

from .common import MsomTicketCase


@tagged("post_install", "-at_install")
class TestPolishTickets(MsomPolishMixin, MsomTicketCase):
    polish_modules = ("msom_tickets",)

    def test_po_file_is_complete(self):
        po = polib.pofile(str(Path(__file__).parents[1] / "i18n" / "pl.po"))
        self.assertEqual([e.msgid for e in po if not e.msgstr], [])

    def test_stages_are_polish(self):
        names = [self.stage[s].with_env(self.polish).name for s in self.stage]
        self.assertEqual(
            names,
            [
                "Nowe", "Przyjęte", "Przekazane do realizacji", "W realizacji",
                "Wstrzymane", "Zrealizowane", "Odrzucone", "Zamknięte",
            ],
        )  # fmt: skip

    def test_errors_are_polish(self):
        ticket = self._ticket(category_id=False).with_env(self.polish)
        with self.assertRefused(ValidationError, "bez firmy wykonawczej"):
            ticket.action_msom_forward()

    def test_reporter_message_is_polish(self):
        self.owner.lang = "pl_PL"
        ticket = self._ticket(reporter_partner_id=self.owner.id)
        self.env.flush_all()
        self.env.cr.precommit.run()
        subjects = ticket.message_ids.mapped("subject")
        self.assertIn(f"Zgłoszenie {ticket.name} zostało zarejestrowane", subjects)
