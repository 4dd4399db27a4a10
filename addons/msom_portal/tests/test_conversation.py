# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from contextlib import closing
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, ConcurrencyError, UserError
from odoo.sql_db import db_connect
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.base.tests.common import BaseCommon

from .services_common import MsomPortalMixin


@tagged("post_install", "-at_install")
class TestConversation(MsomPortalMixin, BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_portal()
        cls.Conversation = cls.env["msom.resident.conversation"]

    def test_demo_chatter_in_the_company_language(self):
        """Odoo loads demo data with no language and a module's translations
        after its demo: the demo conversation's chatter is in the company's
        language all the same, its creation line naming the model in it."""
        self.env["res.lang"]._activate_lang("pl_PL")
        self.env.company.partner_id.lang = "pl_PL"
        # as the installer calls it: no language, chatter on
        demo = self.Conversation.with_context(
            lang=None, tracking_disable=False, mail_create_nolog=False
        )
        conversation = demo._demo_conversation(self.owner.id)
        bodies = " ".join(conversation.message_ids.mapped("body"))
        self.assertIn("Rozmowa z biurem utworzono", bodies)
        self.assertNotIn("Conversation with the Office", bodies)

    def test_thread_created_by_a_concurrent_transaction(self):
        """Another transaction creates the thread after this one began (the
        resident opens the chat while their payment is booked): this one is
        retried, not failed on the unique partner, and the retry finds it."""
        partner = self.env.ref("base.public_partner")
        with closing(db_connect(self.env.cr.dbname).cursor()) as other:
            other_env = api.Environment(other, SUPERUSER_ID, {})
            theirs = other_env["msom.resident.conversation"]._get_for_partner(partner)
            other.commit()
            try:
                with self.assertRaises(ConcurrencyError), mute_logger("odoo.sql_db"):
                    self.Conversation._get_for_partner(partner)
                # this transaction goes on (the failed insert was in a
                # savepoint), without seeing the other's thread
                self.assertFalse(
                    self.Conversation.search([("partner_id", "=", partner.id)])
                )
                # the retry, a new transaction, reads the same thread
                self.assertEqual(
                    other_env["msom.resident.conversation"]._get_for_partner(partner),
                    theirs,
                )
            finally:
                theirs.unlink()
                other.commit()

    def test_one_thread_per_resident_with_unread_counts(self):
        conversation = self.Conversation._get_for_partner(self.owner)
        self.assertEqual(self.Conversation._get_for_partner(self.owner), conversation)
        self.assertIn(self.owner, conversation.message_partner_ids)
        sent = []
        partner_class = type(self.env["res.partner"])
        original = partner_class._bus_send

        def spy(partner, notification_type, message, **kwargs):
            sent.append((partner, notification_type, message))
            return original(partner, notification_type, message, **kwargs)

        with patch.object(partner_class, "_bus_send", spy):
            conversation._portal_post("Dzień dobry,\n<b>cieknie</b> kaloryfer.")
            self.assertEqual(conversation.operator_unread_count, 1)
            self.assertEqual(conversation.resident_unread_count, 0)
            conversation.with_user(self.user_operator).message_post(
                body="Wyślemy konserwatora jutro.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            # an internal note of the office never reaches the resident
            conversation.with_user(self.user_operator).message_post(
                body="Notatka: lokator zgłaszał to już w marcu.",
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        self.assertEqual(conversation.operator_unread_count, 0)
        self.assertEqual(conversation.resident_unread_count, 1)
        self.assertNotIn("Notatka", str(conversation._portal_messages().mapped("body")))
        live = [m for p, t, m in sent if t == "msom.conversation/message"]
        self.assertEqual(len(live), 2)
        self.assertTrue(live[0]["from_resident"])
        self.assertFalse(live[1]["from_resident"])
        self.assertIn("konserwatora", live[1]["body"])
        self.assertEqual(
            {p for p, t, m in sent if t == "msom.conversation/message"}, {self.owner}
        )
        # the resident's text is escaped, never HTML
        first = conversation._portal_messages()[0]
        self.assertIn("&lt;b&gt;cieknie&lt;/b&gt;", str(first.body))
        self.assertEqual(first.author_id, self.owner)
        conversation._mark_read_by_resident()
        self.assertEqual(conversation.resident_unread_count, 0)

    def test_bad_messages_refused(self):
        conversation = self.Conversation._get_for_partner(self.owner)
        with self.assertRefused(UserError, "Write a message"):
            conversation._portal_post("   ")
        with self.assertRefused(UserError, "at most"):
            conversation._portal_post("x" * 4001)
        self.assertFalse(conversation._portal_messages())

    def test_resident_cannot_read_another_conversation(self):
        mine = self.Conversation._get_for_partner(self.owner)
        mine._portal_post("Prywatna sprawa")
        theirs = self.Conversation._get_for_partner(self.neighbour)
        theirs._portal_post("Moja sprawa")
        as_jan = self.Conversation.with_user(self.user_owner)
        self.assertEqual(as_jan.search([]), mine)
        with self.assertRaises(AccessError):
            as_jan.browse(theirs.id).read(["partner_id"])
        message = theirs._portal_messages()
        with self.assertRaises(AccessError):
            message.with_user(self.user_owner).read(["body"])
        with self.assertRaises(AccessError):
            as_jan.browse(mine.id).write({"operator_unread_count": 0})

    def test_only_the_office_marks_a_conversation_read(self):
        theirs = self.Conversation._get_for_partner(self.neighbour)
        theirs._portal_post("Proszę o kontakt")
        self.assertEqual(theirs.operator_unread_count, 1)
        for user in (self.user_owner, self.user_neighbour):
            with self.assertRaises(AccessError):
                theirs.with_user(user).action_mark_read()
        self.assertEqual(theirs.operator_unread_count, 1)
        theirs.with_user(self.user_operator).action_mark_read()
        self.assertEqual(theirs.operator_unread_count, 0)
