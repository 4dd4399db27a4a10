# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged

from .http_common import MsomPortalHttpCase


@tagged("post_install", "-at_install")
class TestResidentServicesTour(MsomPortalHttpCase):
    def test_resident_tour(self):
        self._announcement().action_publish()
        conversation = self.env["msom.resident.conversation"]._get_for_partner(
            self.owner
        )
        conversation.with_user(self.user_operator).message_post(
            body="Zapraszamy do kontaktu.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        # a failed attempt on Jan's login, through the login form
        self._web_login("portal2_jan", "zle-haslo")
        self.start_tour("/my", "msom_portal_services_tour", login="portal2_jan")
        self.env.invalidate_all()
        self.assertEqual(self.env["msom.announcement"]._unread_count(self.owner), 0)
        self.assertIn(
            "Kiedy będzie przegląd gazowy?",
            conversation._portal_messages()[-1].body,
        )
        self.assertEqual(conversation.operator_unread_count, 1)
        request = self.env["msom.partner.change.request"].search(
            [("partner_id", "=", self.owner.id)]
        )
        self.assertEqual(request.state, "submitted")
        self.assertEqual(
            {line.field_key: line.new_value for line in request.line_ids},
            {"phone": "+48 601 222 333", "msom_correspondence_city": "Kraków"},
        )
