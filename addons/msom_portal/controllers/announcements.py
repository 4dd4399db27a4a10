# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.fields import Domain
from odoo.http import request

from odoo.addons.portal.controllers.portal import pager as portal_pager

from .home import MsomPortalHome, attachment_response, is_resident

PAGE_SIZE = 20


class MsomAnnouncementPortal(MsomPortalHome):
    def _msom_home_tiles(self):
        env = request.env
        unread = env["msom.announcement"]._unread_count(env.user.partner_id)
        tiles = super()._msom_home_tiles()
        tiles.append(
            {
                "key": "announcements",
                "sequence": 50,
                "title": env._("Unread announcements"),
                "value": str(unread),
                "text": env._("Messages from the office"),
                "url": "/my/announcements",
                "icon": "fa-bullhorn",
                "variant": "primary" if unread else "secondary",
            }
        )
        return sorted(tiles, key=lambda tile: tile["sequence"])

    def _msom_announcement(self, announcement_id):
        """The announcement if the record rules let the user read it, else 404."""
        if not is_resident():
            raise NotFound()
        announcement = request.env["msom.announcement"].search(
            request.env["msom.announcement"]._active_domain()
            & Domain("id", "=", announcement_id)
        )
        if not announcement:
            raise NotFound()
        return announcement

    @http.route(
        ["/my/announcements", "/my/announcements/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        # read-only: served from a PostgreSQL replica when there is one
        readonly=True,
    )
    def portal_my_announcements(self, page=1, **kw):
        if not is_resident():
            return request.redirect("/my")
        Announcement = request.env["msom.announcement"]
        domain = Announcement._active_domain()
        pager = portal_pager(
            url="/my/announcements",
            total=Announcement.search_count(domain),
            page=page,
            step=PAGE_SIZE,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="msom_announcements",
            announcements=Announcement.search(
                domain, limit=PAGE_SIZE, offset=pager["offset"]
            ),
            pager=pager,
        )
        return request.render("msom_portal.portal_my_announcements", values)

    @http.route(
        "/my/announcements/<int:announcement_id>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_announcement_page(self, announcement_id, **kw):
        announcement = self._msom_announcement(announcement_id)
        announcement._mark_read(request.env.user.partner_id)
        values = self._prepare_portal_layout_values()
        values.update(page_name="msom_announcement", announcement=announcement)
        return request.render("msom_portal.portal_announcement_page", values)

    @http.route(
        "/my/announcements/<int:announcement_id>/attachment/<int:attachment_id>",
        type="http",
        auth="user",
    )
    def portal_announcement_attachment(self, announcement_id, attachment_id, **kw):
        announcement = self._msom_announcement(announcement_id)
        # sudo: the resident may read the announcement, hence its attachments
        return attachment_response(announcement.sudo().attachment_ids, attachment_id)
