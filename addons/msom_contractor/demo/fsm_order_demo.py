# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models

from odoo.addons.msom_estate.tools import demo_env, demo_generated_before


class FsmOrder(models.Model):
    """Demo data: own-crew inspections (called from the demo XML)."""

    _inherit = "fsm.order"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _msom_contractor_demo(self):
        """Own-crew work orders for the demo: inspections of a demo building."""
        if demo_generated_before(self.env, "msom_contractor"):
            return
        self = self.with_env(demo_env(self.env, "msom_contractor"))  # noqa: PLW0642
        person = self.env.ref(
            "msom_tickets.person_demo_marek", raise_if_not_found=False
        )
        building = self.env["fsm.location"].search(
            [("location_level", "=", "building")], order="id", limit=1
        )
        stage = self._stage_for_state("forwarded")
        if not person or not building or not stage:
            return
        now = fields.Datetime.now()
        orders = [
            ("inspection_gas", "Roczny przegląd instalacji gazowej (art. 62 Prawa "
             "budowlanego): szczelność instalacji, kurki, wentylacja."),
            ("inspection_chimney", "Roczna kontrola przewodów kominowych: dymowych, "
             "spalinowych i wentylacyjnych; sprawdzenie ciągu."),
        ]  # fmt: skip
        self.with_context(msom_no_job_notification=True).create(
            [
                {
                    "location_id": building.id,
                    "work_kind": kind,
                    "channel": "operator",
                    "description": Markup("<p>%s</p>") % text,
                    "contractor_id": person.commercial_partner_id.id,
                    "person_id": person.id,
                    "stage_id": stage.id,
                    "scheduled_date_start": now + timedelta(days=3 + i),
                    "scheduled_duration": 4.0,
                }
                for i, (kind, text) in enumerate(orders)
            ]
        )
