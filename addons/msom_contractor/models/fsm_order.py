# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError

# Fields a contractor's portal user may write directly (RPC); everything else
# goes through the job methods (fsm_order_job_api.py), which check the flow.
CONTRACTOR_WRITABLE = {"resolution", "message_main_attachment_id"}
# Set by the job methods; an object, so no RPC context can forge it.
FLOW = object()
WORK_KINDS = [
    ("ticket", "Resident Ticket"),
    ("maintenance", "Planned Maintenance"),
    ("inspection_gas", "Yearly Gas Inspection"),
    ("inspection_chimney", "Yearly Chimney Inspection"),
    ("inspection_building", "Five-yearly Building Inspection"),
    ("inspection_electrical", "Five-yearly Electrical Inspection"),
]
INSPECTION_KINDS = {kind for kind, _label in WORK_KINDS if kind.startswith("insp")}


class FsmOrder(models.Model):
    _inherit = "fsm.order"

    work_kind = fields.Selection(
        WORK_KINDS,
        default="ticket",
        required=True,
        index=True,
        help="Resident tickets, or work orders of the own crews: planned "
        "maintenance and the periodic inspections the building law requires.",
    )
    contractor_accept_date = fields.Datetime(
        string="Accepted by Contractor On", copy=False, readonly=True, tracking=True
    )
    contractor_accept_uid = fields.Many2one(
        "res.users", string="Accepted by", copy=False, readonly=True
    )
    last_decline_reason = fields.Text(copy=False, readonly=True)
    hold_reason = fields.Text(string="On Hold Because", copy=False, tracking=True)
    time_spent = fields.Float(
        string="Time Spent (h)", copy=False, help="Working time reported by the worker."
    )
    work_photo_ids = fields.Many2many(
        "ir.attachment",
        "fsm_order_msom_work_photo_rel",
        "order_id",
        "attachment_id",
        string="Work Photos",
        copy=False,
        help="Photos taken by the worker, resized on upload.",
    )
    voice_note_ids = fields.Many2many(
        "ir.attachment",
        "fsm_order_msom_voice_rel",
        "order_id",
        "attachment_id",
        string="Voice Notes",
        copy=False,
    )
    voice_notes_html = fields.Html(
        string="Voice Note Playback",
        compute="_compute_voice_notes_html",
        sanitize=False,
    )
    protocol_ids = fields.One2many(
        "msom.completion.protocol", "ticket_id", string="Completion Protocols"
    )
    protocol_count = fields.Integer(compute="_compute_protocol_count")
    job_stage = fields.Selection(
        [
            ("new", "New"),
            ("accepted", "Accepted"),
            ("in_progress", "In Progress"),
            ("on_hold", "On Hold"),
            ("done", "Done"),
            ("other", "Not for the Contractor"),
        ],
        string="Job Status",
        compute="_compute_job_stage",
        help="The ticket as the contractor sees it.",
    )

    _contractor_jobs_idx = models.Index(
        "(contractor_id, sla_deadline) WHERE ticket_state IN "
        "('forwarded', 'in_progress', 'on_hold')"
    )

    @api.depends("voice_note_ids")
    def _compute_voice_notes_html(self):
        for order in self:
            order.voice_notes_html = Markup("").join(
                Markup(
                    '<div class="mb-2"><audio controls="controls" preload="none" '
                    'src="/web/content/%s"></audio> <span>%s</span></div>'
                )
                % (note.id, escape(note.name or ""))
                for note in order.voice_note_ids
            )

    def _compute_protocol_count(self):
        counts = dict(
            self.env["msom.completion.protocol"]._read_group(
                [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
            )
        )
        for order in self:
            order.protocol_count = counts.get(order, 0)

    @api.depends("ticket_state", "contractor_accept_date")
    def _compute_job_stage(self):
        for order in self:
            state = order.ticket_state
            if state == "forwarded":
                order.job_stage = "accepted" if order.contractor_accept_date else "new"
            elif state in ("in_progress", "on_hold"):
                order.job_stage = state
            elif state in ("done", "closed"):
                order.job_stage = "done"
            else:
                order.job_stage = "other"

    # ------------------------------------------------------------------
    # Write guard and new-job notification
    # ------------------------------------------------------------------

    def _msom_is_contractor_user(self):
        user = self.env.user
        return user._is_portal() and user.has_group("msom_estate.group_msom_contractor")

    def _msom_flow(self):
        return self.with_context(msom_contractor_flow=FLOW)

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        orders.filtered(lambda o: o.ticket_state == "forwarded")._msom_notify_new_job()
        return orders

    def write(self, vals):
        if (
            not self.env.su
            and self.env.context.get("msom_contractor_flow") is not FLOW
            and set(vals) - CONTRACTOR_WRITABLE
            and self._msom_is_contractor_user()
        ):
            raise AccessError(
                self.env._(
                    "Contractors change their jobs through the job pages only "
                    "(fields: %(fields)s).",
                    fields=", ".join(sorted(set(vals) - CONTRACTOR_WRITABLE)),
                )
            )
        watched = {"stage_id", "contractor_id", "person_id"} & set(vals)
        before = {}
        if watched:
            before = {
                order.id: (order.ticket_state, order.contractor_id, order.person_id)
                for order in self
            }
        result = super().write(vals)
        if watched:
            fresh = self.filtered(
                lambda o: (
                    o.ticket_state == "forwarded"
                    and not o.contractor_accept_date
                    and before.get(o.id)
                    != (o.ticket_state, o.contractor_id, o.person_id)
                )
            )
            fresh._msom_notify_new_job()
        return result

    # ------------------------------------------------------------------
    # Backend
    # ------------------------------------------------------------------

    def action_view_protocols(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "msom_contractor.action_msom_completion_protocol"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
