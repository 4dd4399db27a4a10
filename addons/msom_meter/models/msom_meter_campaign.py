# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .msom_meter import METER_TYPES


class MsomMeterCampaign(models.Model):
    """A reading period (okres odczytowy) with a deadline and reminders."""

    _name = "msom.meter.campaign"
    _description = "Reading Campaign"
    _inherit = ["mail.thread"]
    _order = "deadline desc, id desc"

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date_from = fields.Date(string="Readings From", required=True)
    deadline = fields.Date(required=True)
    meter_type = fields.Selection(METER_TYPES, help="Empty: every meter type.")
    estate_ids = fields.Many2many(
        "fsm.location",
        string="Estates",
        domain=[("location_level", "=", "estate")],
        help="Empty: every estate.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("open", "Open"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
    )
    reminder_days = fields.Integer(
        default=3, help="Days before the deadline the reminder goes out."
    )
    reminder_date = fields.Date(string="Reminder Sent", readonly=True)
    reading_ids = fields.One2many(
        "msom.meter.reading", "campaign_id", string="Readings"
    )
    meter_count = fields.Integer(compute="_compute_progress", string="Meters")
    read_count = fields.Integer(compute="_compute_progress", string="Read")

    @api.constrains("date_from", "deadline")
    def _check_dates(self):
        for campaign in self:
            if campaign.deadline < campaign.date_from:
                raise UserError(self.env._("The deadline is before the start."))

    def _meters(self):
        self.ensure_one()
        domain = [("company_id", "=", self.company_id.id)]
        if self.meter_type:
            domain.append(("meter_type", "=", self.meter_type))
        if self.estate_ids:
            domain.append(("estate_id", "in", self.estate_ids.ids))
        return self.env["msom.meter"].search(domain)

    def _missing_meters(self):
        """Active meters with no reading between the start and the deadline."""
        self.ensure_one()
        meters = self._meters()
        read = self.env["msom.meter.reading"].search(
            [
                ("meter_id", "in", meters.ids),
                ("date", ">=", self.date_from),
                ("date", "<=", self.deadline),
                ("kind", "=", "regular"),
            ]
        )
        return meters - read.meter_id

    def _compute_progress(self):
        for campaign in self:
            meters = campaign._meters()
            campaign.meter_count = len(meters)
            campaign.read_count = len(meters) - len(campaign._missing_meters())

    def action_open(self):
        self.write({"state": "open"})
        return True

    def action_close(self):
        self.write({"state": "closed"})
        return True

    def action_send_reminders(self):
        """E-mail the current residents (with the e-reading consent) of the
        units whose meters are still unread."""
        sent = 0
        Consent = self.env["msom.consent"]
        for campaign in self:
            if campaign.state != "open":
                raise UserError(self.env._("Only an open campaign sends reminders."))
            units = campaign._missing_meters().unit_id
            partners = units.current_occupancy_ids.partner_id
            consenting = Consent._partners_with_consent("ereading", partners.ids)
            for partner in partners.filtered(
                lambda p, c=consenting: p.id in c and p.email
            ):
                self.env["mail.mail"].sudo().create(
                    {
                        "subject": self.env._(
                            "Meter readings due by %(date)s",
                            date=campaign.deadline.strftime("%d.%m.%Y"),
                        ),
                        "email_to": partner.email,
                        "body_html": self.env._(
                            "<p>Please submit the readings of your meters in the "
                            "resident portal by %(date)s.</p>",
                            date=campaign.deadline.strftime("%d.%m.%Y"),
                        ),
                        "auto_delete": True,
                    }
                )
                sent += 1
            campaign.reminder_date = fields.Date.context_today(self)
            campaign.message_post(
                body=self.env._("Reminders sent: %(count)s.", count=sent)
            )
        return sent

    @api.model
    def _cron_reminders(self):
        today = fields.Date.context_today(self)
        for campaign in self.search(
            [("state", "=", "open"), ("reminder_date", "=", False)]
        ):
            if campaign.deadline - timedelta(days=campaign.reminder_days) <= today:
                campaign.action_send_reminders()
        self.search([("state", "=", "open"), ("deadline", "<", today)]).action_close()
