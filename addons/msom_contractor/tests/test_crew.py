# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MsomContractorCase


@tagged("post_install", "-at_install")
class TestOwnCrew(MsomContractorCase):
    def test_recurring_gas_inspection(self):
        """A yearly gas inspection is generated on schedule, lands on the
        crew's job list, needs its checklist and a protocol."""
        recurring = self.env["fsm.recurring"].create(
            {
                "fsm_recurring_template_id": self.env.ref(
                    "msom_contractor.recurring_template_gas"
                ).id,
                "location_id": self.building.id,
                "person_id": self.plumber.id,
                "start_date": fields.Datetime.now() + timedelta(days=5),
                "description": "Przegląd gazowy budynku",
            }
        )
        recurring.onchange_recurring_template_id()
        recurring.company_id = self.env.company
        recurring.description = "Przegląd gazowy budynku"
        recurring.action_start()
        orders = recurring.fsm_order_ids
        self.assertEqual(len(orders), 1)  # 60 days ahead: one yearly date
        order = orders
        self.assertEqual(order.work_kind, "inspection_gas")
        self.assertEqual(order.contractor_id, self.hydro)
        self.assertEqual(order.ticket_state, "forwarded")
        self.assertEqual(len(order.order_activity_ids), 3)
        mine = self.as_plumber(order)
        self.assertIn(
            order,
            self.env["fsm.order"]
            .with_user(self.plumber_user)
            .search(mine._msom_job_domain()),
        )
        mine._msom_job_accept()
        mine._msom_job_start()
        with self.assertRefused(UserError, "checklist"):
            mine._msom_job_done()
        mine._msom_job_checklist(order.order_activity_ids.ids)
        self.assertEqual(set(order.order_activity_ids.mapped("state")), {"done"})
        self.assertEqual(order.order_activity_ids[0].completed_by, self.plumber_user)
        # Inspections always need a protocol.
        with self.assertRefused(UserError, "completion protocol"):
            mine._msom_job_done()
        self.env["msom.completion.protocol"].with_user(
            self.plumber_user
        )._msom_create_for_job(
            mine,
            {
                "work_description": "Instalacja szczelna",
                "resident_absent": True,
                "absence_reason": "Części wspólne budynku",
            },
        )
        self.assertTrue(mine._msom_job_done())
