# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.1.0: tickets are one kind of Field Service order (``is_ticket``).

The orders on the housing registry are the tickets; the portal roles' record
rules are scoped to them, and Field Service's own stages (archived before)
are back for plain work orders, its "New" being their default again.
"""

from odoo import SUPERUSER_ID, api

from odoo.addons.msom_estate.tools.migration import reload_noupdate_file


def migrate(cr, version):
    cr.execute(
        """UPDATE fsm_order o SET is_ticket = TRUE
             FROM fsm_location l
            WHERE l.id = o.location_id AND l.location_level IS NOT NULL"""
    )
    env = api.Environment(cr, SUPERUSER_ID, {})
    reload_noupdate_file(env, "msom_tickets", "security/ir_rule.xml")
    # Stage names may have been customised: only the flags change.
    env.ref("msom_tickets.fsm_stage_ticket_new").is_default = False
    for xmlid in ("fsm_stage_new", "fsm_stage_completed", "fsm_stage_cancelled"):
        stage = env.ref(f"fieldservice.{xmlid}", raise_if_not_found=False)
        if stage:
            stage.write({"active": True, "is_default": True})
