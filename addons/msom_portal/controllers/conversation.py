# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.msom_estate.tools import param_int

from .home import MsomPortalHome, is_resident


class MsomConversationPortal(MsomPortalHome):
    def _msom_home_tiles(self):
        env = request.env
        # the record rule limits the search to the resident's own thread
        conversation = env["msom.resident.conversation"].search([], limit=1)
        unread = conversation.resident_unread_count
        tiles = super()._msom_home_tiles()
        tiles.append(
            {
                "key": "chat",
                "sequence": 60,
                "title": env._("Chat with the office"),
                "value": str(unread),
                "text": env._("Unread answers from the office"),
                "url": "/my/chat",
                "icon": "fa-comments",
                "variant": "primary" if unread else "secondary",
            }
        )
        return sorted(tiles, key=lambda tile: tile["sequence"])

    def _msom_conversation(self):
        if not is_resident():
            raise NotFound()
        return request.env["msom.resident.conversation"]._get_for_partner(
            request.env.user.partner_id
        )

    @http.route("/my/chat", type="http", auth="user", website=True)
    def portal_my_chat(self, **kw):
        if not is_resident():
            return request.redirect("/my")
        conversation = self._msom_conversation()
        conversation._mark_read_by_resident()
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="msom_chat",
            conversation=conversation,
            chat_messages=conversation._portal_messages(),
        )
        return request.render("msom_portal.portal_my_chat", values)

    @http.route("/my/chat/post", type="jsonrpc", auth="user")
    def portal_chat_post(self, body=None, token=None, **kw):
        conversation = self._msom_conversation()
        Submission = request.env["msom.submission"]
        first = Submission._msom_claim(token)
        if first:
            return first
        try:
            with request.env.cr.savepoint():
                message = conversation._portal_post(body)
        except UserError as error:
            return {"error": error.args[0]}
        return Submission._msom_done(
            token, conversation._portal_message_values(message)
        )

    @http.route("/my/chat/messages", type="jsonrpc", auth="user")
    def portal_chat_messages(self, after=0, **kw):
        """Messages after `after` (the fallback when the bus is unavailable)."""
        after = param_int(after, "after", minimum=0, default=0)
        conversation = self._msom_conversation()
        conversation._mark_read_by_resident()
        return [
            conversation._portal_message_values(message)
            for message in conversation._portal_messages()
            if message.id > after
        ]
