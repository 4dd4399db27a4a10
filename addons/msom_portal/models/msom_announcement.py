# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from odoo.addons.msom_billing.models.msom_charge_run import PAYING_ROLES
from odoo.addons.msom_estate.tools import demo_env

# Attachments an announcement may carry: documents and pictures, 10 MB each.
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_MIMETYPES = (
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/webp",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
)


class MsomAnnouncement(models.Model):
    _name = "msom.announcement"
    _description = "Announcement to Residents"
    _inherit = ["portal.mixin", "mail.thread"]
    _order = "date_publish desc, id desc"

    name = fields.Char(string="Title", required=True, tracking=True)
    body = fields.Html(required=True, sanitize=True, sanitize_style=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "msom_announcement_attachment_rel",
        "announcement_id",
        "attachment_id",
        string="Attachments",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("published", "Published"),
            ("withdrawn", "Withdrawn"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    date_publish = fields.Datetime(string="Published On", readonly=True, copy=False)
    date_expiry = fields.Date(
        string="Expires On",
        help="After this day residents no longer see the announcement.",
    )
    location_ids = fields.Many2many(
        "fsm.location",
        "msom_announcement_location_rel",
        "announcement_id",
        "location_id",
        string="Estates, Buildings, Staircases",
        domain=[("location_level", "in", ("estate", "building", "staircase"))],
        help="Leave empty to address the whole company.",
    )
    unit_type = fields.Selection(
        selection=lambda self: self.env["fsm.location"]._fields["unit_type"].selection,
        help="Only occupants of units of this type (empty: every type).",
    )
    debtors_only = fields.Boolean(
        help="Only the paying occupants of units with an overdue balance on the "
        "day of publishing.",
    )
    recipient_ids = fields.One2many(
        "msom.announcement.recipient", "announcement_id", string="Recipients"
    )
    recipient_count = fields.Integer(compute="_compute_recipient_stats")
    read_count = fields.Integer(compute="_compute_recipient_stats")
    is_unread = fields.Boolean(
        string="Unread", compute="_compute_is_unread", compute_sudo=False
    )

    _date_publish_idx = models.Index("(company_id, state, date_publish DESC)")

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for announcement in self:
            announcement.access_url = f"/my/announcements/{announcement.id}"
        return result

    def _compute_recipient_stats(self):
        Recipient = self.env["msom.announcement.recipient"]
        totals = dict.fromkeys(self.ids, 0)
        reads = dict.fromkeys(self.ids, 0)
        for announcement, read_date, count in Recipient._read_group(
            [("announcement_id", "in", self.ids)],
            ["announcement_id", "read_date:day"],
            ["__count"],
        ):
            totals[announcement.id] += count
            if read_date:
                reads[announcement.id] += count
        for announcement in self:
            announcement.recipient_count = totals.get(announcement.id, 0)
            announcement.read_count = reads.get(announcement.id, 0)

    def _compute_is_unread(self):
        partner = self.env.user.partner_id
        unread = set(
            self.env["msom.announcement.recipient"]
            .sudo()
            .search(
                [
                    ("announcement_id", "in", self.ids),
                    ("partner_id", "=", partner.id),
                    ("read_date", "=", False),
                ]
            )
            .announcement_id.ids
        )
        for announcement in self:
            announcement.is_unread = announcement.id in unread

    @api.constrains("date_expiry", "date_publish", "state")
    def _check_dates(self):
        for announcement in self:
            if (
                announcement.date_expiry
                and announcement.date_publish
                and announcement.date_expiry < announcement.date_publish.date()
            ):
                raise ValidationError(
                    self.env._("An announcement cannot expire before it is published.")
                )

    @api.constrains("attachment_ids")
    def _check_attachments(self):
        for attachment in self.sudo().attachment_ids:
            if attachment.file_size > ATTACHMENT_MAX_BYTES:
                raise ValidationError(
                    self.env._(
                        "The attachment %(name)s is larger than 10 MB.",
                        name=attachment.name,
                    )
                )
            if attachment.mimetype not in ATTACHMENT_MIMETYPES:
                raise ValidationError(
                    self.env._(
                        "The attachment %(name)s is not a PDF, an image or a text "
                        "document.",
                        name=attachment.name,
                    )
                )

    @api.model
    def _active_domain(self):
        """Published and not expired today."""
        today = fields.Date.context_today(self)
        return Domain("state", "=", "published") & (
            Domain("date_expiry", "=", False) | Domain("date_expiry", ">=", today)
        )

    def _occupancy_domain(self):
        self.ensure_one()
        domain = Domain("is_current", "=", True) & Domain(
            "company_id", "=", self.company_id.id
        )
        if self.location_ids:
            ids = self.location_ids.ids
            domain &= (
                Domain("unit_id.estate_id", "in", ids)
                | Domain("unit_id.building_id", "in", ids)
                | Domain("unit_id.staircase_id", "in", ids)
            )
        if self.unit_type:
            domain &= Domain("unit_id.unit_type", "=", self.unit_type)
        if self.debtors_only:
            domain &= Domain("role", "in", PAYING_ROLES)
        return domain

    def _resolve_recipients(self):
        """The partners the announcement goes to, from today's occupancy."""
        self.ensure_one()
        occupancies = self.env["msom.occupancy"].sudo().search(self._occupancy_domain())
        if self.debtors_only and occupancies:
            today = fields.Date.context_today(self)
            turnover = occupancies.unit_id.sudo()._msom_turnover(today, today)
            debtor_units = {
                unit_id for unit_id, data in turnover.items() if data["overdue"] > 0
            }
            occupancies = occupancies.filtered(lambda o: o.unit_id.id in debtor_units)
        return occupancies.partner_id

    def action_publish(self):
        for announcement in self:
            if announcement.state != "draft":
                raise UserError(
                    self.env._("Only a draft announcement can be published.")
                )
            partners = announcement._resolve_recipients()
            if not partners:
                raise UserError(
                    self.env._(
                        "No current resident belongs to the chosen group; the "
                        "announcement was not published."
                    )
                )
            announcement.write(
                {
                    "state": "published",
                    "date_publish": fields.Datetime.now(),
                    "recipient_ids": [
                        Command.create({"partner_id": partner_id})
                        for partner_id in partners.ids
                    ],
                }
            )
            announcement._notify_residents(partners)
        return True

    @api.model
    def _demo_publish(self, ids):
        """Demo: publish the demo announcements to whoever lives there."""
        announcements = self.with_env(demo_env(self.env, "msom_portal")).browse(ids)
        for announcement in announcements:
            if announcement.state == "draft" and announcement._resolve_recipients():
                announcement.action_publish()
        return True

    def _notify_residents(self, partners):
        """E-mail and web push (Odoo's mail.push.device) to the recipients."""
        self.ensure_one()
        link = Markup('<p><a href="%s">%s</a></p>') % (
            self.get_base_url() + self.access_url,
            self.env._("Read the announcement in the resident portal"),
        )
        self.with_context(mail_post_autofollow=False).message_post(
            body=Markup(self.body or "") + link,
            subject=self.name,
            author_id=self.company_id.partner_id.id,
            partner_ids=partners.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            email_layout_xmlid="mail.mail_notification_light",
        )

    def action_withdraw(self):
        self.filtered(lambda a: a.state == "published").write({"state": "withdrawn"})
        return True

    def action_reset_draft(self):
        for announcement in self:
            if announcement.state != "withdrawn":
                raise UserError(
                    self.env._("Only a withdrawn announcement can go back to draft.")
                )
        self.write({"state": "draft", "date_publish": False, "recipient_ids": [(5,)]})
        return True

    def _mark_read(self, partner):
        """Stamp the reading by `partner` (called after the access check)."""
        self.env["msom.announcement.recipient"].sudo().search(
            [
                ("announcement_id", "in", self.ids),
                ("partner_id", "=", partner.id),
                ("read_date", "=", False),
            ]
        ).write({"read_date": fields.Datetime.now()})

    @api.model
    def _unread_count(self, partner):
        return (
            self.env["msom.announcement.recipient"]
            .sudo()
            .search_count(
                [
                    ("partner_id", "=", partner.id),
                    ("read_date", "=", False),
                    ("announcement_id", "any", self._active_domain()),
                ]
            )
        )
