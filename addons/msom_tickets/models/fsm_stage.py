# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

TICKET_STATES = [
    ("new", "New"),
    ("accepted", "Accepted"),
    ("forwarded", "Forwarded for Execution"),
    ("in_progress", "In Progress"),
    ("on_hold", "On Hold"),
    ("done", "Done"),
    ("rejected", "Rejected"),
    ("closed", "Closed"),
]
OPEN_STATES = ("new", "accepted", "forwarded", "in_progress", "on_hold")
DONE_STATES = ("done", "closed")
# A contractor company must be chosen before these states.
CONTRACTOR_STATES = ("forwarded", "in_progress", "done")


class FsmStage(models.Model):
    _inherit = "fsm.stage"

    ticket_state = fields.Selection(
        TICKET_STATES,
        index=True,
        help="Meaning of the stage in the ticket flow: statistics, SLA, the "
        "map and Open311 rely on it, so stages can be renamed or added freely.",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Reporter Notification",
        domain=[("model", "=", "fsm.order")],
        help="Message sent to the reporter (e-mail and portal) when a ticket "
        "reaches this stage. Leave empty to stay silent.",
    )
