# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields
from odoo.tests import tagged

from odoo.addons.msom_estate.tools import demo_env

from .common import MsomCollectionCase


@tagged("post_install", "-at_install")
class TestCollectionDemo(MsomCollectionCase):
    def test_demo_resident_portal(self):
        """The demo gives its resident an annex with a real PDF, visible to
        them."""
        self._occupy(self.unit_1, self.owner)
        user = self._resident_user(self.owner, "jan.demo")
        document = self.env["msom.collection.demo"]._demo_resident_portal(
            self.owner, fields.Date.today()
        )
        self.assertEqual(
            self.env["msom.document"]._portal_documents(self.owner), document
        )
        self.assertEqual(document.document_type, "annex")
        self.assertEqual(document.unit_id, self.unit_1)
        files = document.with_user(user).msom_portal_attachments()
        self.assertEqual(files.mimetype, "application/pdf")
        self.assertTrue(files.raw.startswith(b"%PDF"))
        self.assertGreater(len(files.raw), 1000)

    def test_demo_texts_in_polish(self):
        """The demo cooperative is Polish: its documents are written in Polish
        through translated strings once the language is installed."""
        self.env["res.lang"]._activate_lang("pl_PL")
        self.env.company.partner_id.lang = "pl_PL"
        self._occupy(self.unit_1, self.owner)
        demo = self.env["msom.collection.demo"].with_env(
            demo_env(self.env, "msom_collection")
        )
        document = demo._demo_resident_portal(self.owner, fields.Date.today())
        self.assertEqual(document.name, "Aneks nr 1 do umowy o korzystanie z lokalu")
        self.assertEqual(document.attachment_ids.name, "aneks_nr_1.pdf")
