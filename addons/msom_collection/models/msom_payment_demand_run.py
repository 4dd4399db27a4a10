# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount, format_date

KIND_TO_STAGE = {"reminder": "reminder", "demand": "demand", "final": "final_demand"}


class MsomPaymentDemandRun(models.Model):
    """Payment demands for every debtor whose debt reached the next stage.

    A debtor with no letter since the oldest unpaid due date starts at the
    first stage once its waiting days have passed; a debtor who got a letter
    moves to the next stage after that stage's waiting days, if the debt is
    still at least the stage's threshold. After the final demand the case
    waits in the debt-collection file for a court claim.
    """

    _name = "msom.payment.demand.run"
    _description = "Payment Demand Run"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    estate_ids = fields.Many2many(
        "fsm.location",
        string="Estates",
        domain=[("location_level", "=", "estate")],
        help="Empty: every estate of the company.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("generated", "Generated"), ("sent", "Sent")],
        default="draft",
        required=True,
        tracking=True,
    )
    demand_ids = fields.One2many("msom.payment.demand", "run_id", string="Demands")
    demand_count = fields.Integer(compute="_compute_counts", string="Number of Demands")
    email_count = fields.Integer(compute="_compute_counts", string="By E-mail")
    post_count = fields.Integer(compute="_compute_counts", string="By Post")

    def _compute_name(self):
        for run in self:
            run.name = self.env._(
                "Payment demands %(date)s",
                date=run.date.strftime("%d.%m.%Y") if run.date else "",
            )

    def _compute_counts(self):
        for run in self:
            demands = run.demand_ids
            run.demand_count = len(demands)
            run.email_count = len(demands.filtered(lambda d: d.delivery == "email"))
            run.post_count = run.demand_count - run.email_count

    def _units(self):
        domain = [
            ("location_level", "=", "unit"),
            "|",
            ("company_id", "=", self.company_id.id),
            ("estate_id.company_id", "=", self.company_id.id),
        ]
        if self.estate_ids:
            domain.append(("estate_id", "in", self.estate_ids.ids))
        return self.env["fsm.location"].search(domain)

    def action_generate(self):
        for run in self:
            if run.state != "draft":
                raise UserError(
                    self.env._("The demands of this run are already generated.")
                )
            run._generate()
            run.state = "generated"
        return True

    def _generate(self):
        self.ensure_one()
        levels = self.env["msom.dunning.level"].search(
            [("company_id", "=", self.company_id.id)]
        )
        if not levels:
            raise UserError(
                self.env._("Set up the payment demand stages of the company first.")
            )
        units = self._units()
        overdue = units._msom_overdue_items(self.date)
        if not overdue:
            return
        Demand = self.env["msom.payment.demand"]
        last_demands = {}
        for demand in Demand.search(
            [
                ("unit_id", "in", list({key[0] for key in overdue})),
                ("state", "!=", "cancel"),
            ],
            order="date, id",
        ):
            last_demands[(demand.unit_id.id, demand.partner_id.id)] = demand
        einvoice = self.env["msom.consent"]._partners_with_consent(
            "einvoice", {key[1] for key in overdue}
        )
        Case = self.env["msom.collection.case"]
        vals_list = []
        for (unit_id, partner_id), items in overdue.items():
            principal = round(sum(item["residual"] for item in items), 2)
            oldest = min(item["due_date"] for item in items)
            last = last_demands.get((unit_id, partner_id))
            level = self._next_level(levels, last, oldest, principal)
            if not level:
                continue
            case = Case._get_open_case(unit_id, partner_id, self.company_id)
            vals_list.append(
                {
                    "name": self.env["ir.sequence"].next_by_code("msom.payment.demand")
                    or self.env._("New"),
                    "run_id": self.id,
                    "company_id": self.company_id.id,
                    "unit_id": unit_id,
                    "partner_id": partner_id,
                    "case_id": case.id,
                    "level_id": level.id,
                    "date": self.date,
                    "date_deadline": self.date + timedelta(days=level.payment_days),
                    "amount_principal": principal,
                    "amount_interest": round(
                        sum(item["interest"] for item in items), 2
                    ),
                    "delivery": "email" if partner_id in einvoice else "post",
                    "virtual_account_id": self.env["msom.virtual.account"]
                    .search(
                        [("unit_id", "=", unit_id), ("partner_id", "=", partner_id)],
                        limit=1,
                    )
                    .id,
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "move_id": item["move_id"],
                                "document": item["name"],
                                "due_date": item["due_date"],
                                "residual": item["residual"],
                                "days": item["days"],
                                "interest": item["interest"],
                            },
                        )
                        for item in items
                    ],
                }
            )
        demands = Demand.with_context(tracking_disable=True).create(vals_list)
        for demand in demands:
            demand.case_id._set_stage(
                KIND_TO_STAGE[demand.kind],
                demand.date,
                self.env._(
                    "%(stage)s %(number)s: %(amount)s due by %(deadline)s",
                    stage=demand.level_id.name,
                    number=demand.name,
                    amount=format_amount(
                        self.env, demand.amount_principal, self.company_id.currency_id
                    ),
                    deadline=format_date(self.env, demand.date_deadline),
                ),
                amount=demand.amount_principal,
            )

    def _next_level(self, levels, last, oldest_due, principal):
        """The stage this debt reaches on the run date, or None."""
        if not last or last.date < oldest_due:
            first = levels[0]
            if (
                oldest_due + timedelta(days=first.wait_days) <= self.date
                and principal >= first.min_amount
            ):
                return first
            return None
        following = levels.filtered(lambda lv: lv.sequence > last.level_id.sequence)
        following = following.sorted(lambda lv: (lv.sequence, lv.id))[:1]
        if not following:
            return None  # after the final demand: the court claim is next
        if (
            last.date + timedelta(days=following.wait_days) <= self.date
            and principal >= following.min_amount
        ):
            return following
        return None

    def action_send(self):
        for run in self:
            run.demand_ids.filtered(lambda d: d.state == "draft").action_send()
            run.state = "sent"
        return True

    def _post_demands(self):
        """Letters for registered post: debtors without the e-invoice consent."""
        return self.demand_ids.filtered(
            lambda d: d.delivery == "post" and d.state != "cancel"
        )

    def action_print_post(self):
        """The letters that go by registered post, with the post-office list."""
        demands = self._post_demands()
        if not demands:
            raise UserError(self.env._("No demand of this run goes by post."))
        return self.env.ref(
            "msom_collection.action_report_demand_post_list"
        ).report_action(demands)
