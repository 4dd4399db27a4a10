# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

from .fsm_order import CHANNELS
from .fsm_stage import OPEN_STATES, TICKET_STATES


class MsomTicketReport(models.Model):
    """Ticket statistics for pivot and graph: one row per ticket.

    Overdue is evaluated against ``now()`` when the view is read, so the
    figures never go stale.
    """

    _name = "msom.ticket.report"
    _description = "Ticket Statistics"
    _auto = False
    _order = "report_date desc"
    _rec_name = "name"

    name = fields.Char(string="Ticket", readonly=True)
    order_id = fields.Many2one("fsm.order", string="Ticket Record", readonly=True)
    report_date = fields.Datetime(string="Reported On", readonly=True)
    forwarded_date = fields.Datetime(string="Forwarded On", readonly=True)
    done_date = fields.Datetime(string="Done On", readonly=True)
    stage_id = fields.Many2one("fsm.stage", readonly=True)
    ticket_state = fields.Selection(TICKET_STATES, string="State", readonly=True)
    channel = fields.Selection(CHANNELS, readonly=True)
    priority = fields.Selection(
        [("0", "Normal"), ("1", "Low"), ("2", "High"), ("3", "Urgent")], readonly=True
    )
    category_id = fields.Many2one("fsm.category", string="Case Group", readonly=True)
    contractor_id = fields.Many2one(
        "res.partner", string="Contractor Company", readonly=True
    )
    person_id = fields.Many2one("fsm.person", string="Worker", readonly=True)
    location_id = fields.Many2one("fsm.location", readonly=True)
    building_id = fields.Many2one("fsm.location", readonly=True)
    estate_id = fields.Many2one("fsm.location", readonly=True)
    street_name = fields.Char(string="Street Address", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    ticket_count = fields.Integer(string="Tickets", readonly=True, aggregator="sum")
    done_count = fields.Integer(string="Done", readonly=True, aggregator="sum")
    open_count = fields.Integer(string="Not Done", readonly=True, aggregator="sum")
    overdue_count = fields.Integer(string="Overdue", readonly=True, aggregator="sum")
    forwarded_count = fields.Integer(
        string="Forwarded", readonly=True, aggregator="sum"
    )
    reopened_count = fields.Integer(string="Reopened", readonly=True, aggregator="sum")
    reopen_count = fields.Integer(string="Reopens", readonly=True, aggregator="sum")
    resolution_hours = fields.Float(
        string="Hours to Done", readonly=True, aggregator="avg"
    )
    rating = fields.Float(string="Average Rating", readonly=True, aggregator="avg")

    @property
    def _table_query(self):
        open_states = ", ".join(f"'{state}'" for state in OPEN_STATES)
        return f"""
            SELECT o.id AS id,
                   o.id AS order_id,
                   o.name AS name,
                   o.report_date, o.forwarded_date, o.done_date,
                   o.stage_id, o.ticket_state, o.channel, o.priority,
                   o.category_id, o.contractor_id, o.person_id, o.location_id,
                   o.building_id, o.estate_id, o.street_name, o.company_id,
                   1 AS ticket_count,
                   CASE WHEN o.ticket_state IN ('done', 'closed')
                        THEN 1 ELSE 0 END AS done_count,
                   CASE WHEN o.ticket_state IN ({open_states})
                        THEN 1 ELSE 0 END AS open_count,
                   CASE WHEN o.ticket_state IN ({open_states})
                             AND o.sla_deadline < (now() AT TIME ZONE 'UTC')
                        THEN 1 ELSE 0 END AS overdue_count,
                   CASE WHEN o.forwarded_date IS NOT NULL
                        THEN 1 ELSE 0 END AS forwarded_count,
                   CASE WHEN o.reopen_count > 0 THEN 1 ELSE 0 END AS reopened_count,
                   o.reopen_count,
                   CASE WHEN o.done_date IS NOT NULL
                        THEN o.resolution_hours END AS resolution_hours,
                   NULLIF(o.rating, 0)::float AS rating
              FROM fsm_order o
             WHERE o.is_ticket
        """
