# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

from .fsm_order import WORK_KINDS


class FsmTemplate(models.Model):
    """Order templates of the own crews: the kind of work and its checklist
    (``temp_activity_ids`` of OCA fieldservice_activity)."""

    _inherit = "fsm.template"

    work_kind = fields.Selection(
        WORK_KINDS,
        default="maintenance",
        help="Work orders made from this template are of this kind.",
    )
