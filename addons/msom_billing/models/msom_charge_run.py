# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import calendar
from collections import defaultdict
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

PAYING_ROLES = ("owner", "co_owner", "member", "tenant")


class MsomChargeRun(models.Model):
    """The monthly charge run (naliczenie) of a company.

    Preview computes the plan (one line per unit and payer); posting
    (msom_charge_run_posting.py) turns the plan into posted documents in
    batches, committing after each batch. The unique index on account.move
    makes a re-run or a restarted run create nothing twice.
    """

    _name = "msom.charge.run"
    _description = "Monthly Charge Run"
    _inherit = ["mail.thread", "msom.batch.run.mixin"]
    _order = "period desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    period = fields.Date(
        string="Month",
        required=True,
        help="Any day of the month to charge; stored as its first day.",
    )
    due_date = fields.Date(compute="_compute_due_date", store=True, readonly=False)
    estate_ids = fields.Many2many(
        "fsm.location",
        string="Estates",
        domain=[("location_level", "=", "estate")],
        help="Empty: every estate of the company.",
    )
    building_ids = fields.Many2many(
        "fsm.location",
        "msom_charge_run_building_rel",
        string="Buildings",
        domain=[("location_level", "=", "building")],
        help="Empty: every building of the estates.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("preview", "Preview"),
            ("running", "Posting"),
            ("done", "Done"),
        ],
        default="draft",
        required=True,
        tracking=True,
    )
    line_ids = fields.One2many("msom.charge.run.line", "run_id", string="Plan")
    move_ids = fields.One2many("account.move", "msom_charge_run_id", string="Documents")
    line_count = fields.Integer(compute="_compute_counts", string="Planned")
    posted_count = fields.Integer(compute="_compute_counts", string="Posted")
    skipped_count = fields.Integer(compute="_compute_counts", string="Skipped")
    amount_total = fields.Float(compute="_compute_counts", string="Total")
    progress = fields.Float(compute="_compute_counts", string="Progress (%)")

    _company_period_unique = models.Constraint(
        "UNIQUE(company_id, period)",
        lambda env, diag: env._("There is already a charge run for this month."),
    )

    @api.depends("period", "company_id")
    def _compute_name(self):
        for run in self:
            # named in the company's language, whoever creates the run
            lang = run.company_id.partner_id.lang or self.env.lang
            env = run.with_context(lang=lang).env
            run.name = (
                env._("Charges %(month)s", month=run.period.strftime("%m/%Y"))
                if run.period
                else env._("New charge run")
            )

    @api.depends("period", "company_id.msom_charge_due_day")
    def _compute_due_date(self):
        for run in self:
            if run.period:
                run.due_date = run.period.replace(
                    day=run.company_id.msom_charge_due_day or 10
                )

    @api.depends("line_ids.state", "line_ids.amount_total")
    def _compute_counts(self):
        stats = self._batch_totals("msom.charge.run.line")
        for run in self:
            data = stats[run.id]
            planned = data["planned"][0] + data["posted"][0]
            run.line_count = planned
            run.posted_count = data["posted"][0]
            run.skipped_count = data["skipped"][0]
            run.amount_total = data["planned"][1] + data["posted"][1]
            run.progress = 100.0 * run.posted_count / planned if planned else 0.0

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("period"):
                vals["period"] = fields.Date.to_date(vals["period"]).replace(day=1)
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("period"):
            vals["period"] = fields.Date.to_date(vals["period"]).replace(day=1)
        return super().write(vals)

    # ------------------------------------------------------------------ plan

    def _period_end(self):
        last = calendar.monthrange(self.period.year, self.period.month)[1]
        return self.period.replace(day=last)

    def _check_period_open(self):
        company = self.company_id
        lock = max(
            [
                d
                for d in (
                    company.fiscalyear_lock_date,
                    getattr(company, "hard_lock_date", False),
                    getattr(company, "sale_lock_date", False),
                )
                if d
            ]
            or [date.min]
        )
        if self.period <= lock:
            raise UserError(
                self.env._(
                    "The month %(month)s is already closed in the accounts (lock "
                    "date %(lock)s): charges cannot be posted to it.",
                    month=self.period.strftime("%m/%Y"),
                    lock=lock.strftime("%d.%m.%Y"),
                )
            )

    def _units_domain(self):
        return self.env["fsm.location"]._msom_company_units_domain(
            self.company_id, self.estate_ids, self.building_ids
        )

    def action_preview(self):
        for run in self:
            if run.state not in ("draft", "preview"):
                raise UserError(
                    self.env._("Only a run that has not been posted can be previewed.")
                )
            run._check_period_open()
            run.line_ids.unlink()
            units = self.env["fsm.location"].search(run._units_domain(), order="id")
            run._create_plan(units)
            run.state = "preview"
        return True

    def _rate_segments(self):
        """{component: [(first day offset, days, [rates valid all along])]}.

        A rate that starts or ends within the month splits it: each part
        is charged at its own rate, by days (DOMAIN_PL §7, day-weighted)."""
        period_start, period_end = self.period, self._period_end()
        segments = {}
        for component, rates in self._valid_rates(until=period_end).items():
            cuts = {0, (period_end - period_start).days + 1}
            for rate in rates:
                if rate.date_from > period_start:
                    cuts.add((rate.date_from - period_start).days)
                if rate.date_to and rate.date_to < period_end:
                    cuts.add((rate.date_to - period_start).days + 1)
            cuts = sorted(cuts)
            parts = []
            for first, end in zip(cuts, cuts[1:], strict=False):
                day = period_start + timedelta(days=first)
                valid = [
                    r
                    for r in rates
                    if r.date_from <= day and (not r.date_to or r.date_to >= day)
                ]
                if valid:
                    parts.append((first, end - first, valid))
            if parts:
                segments[component] = parts
        return segments

    def _create_plan(self, units):
        self.ensure_one()
        rates = self._rate_segments()
        if not rates:
            raise UserError(
                self.env._(
                    "No charge rate is valid in %(month)s: set up the charge "
                    "components and their rates first.",
                    month=self.period.strftime("%m/%Y"),
                )
            )
        vals_list = []
        for start in range(0, len(units), 1000):
            chunk = units[start : start + 1000]
            vals_list += self._plan_units(chunk, rates)
        lines = self.env["msom.charge.run.line"].create(vals_list)
        # numbers for new payers now, in one go: the batches, maybe running
        # side by side, then never wait for each other on the company's counter
        lines.filtered(lambda line: line.state == "planned")._virtual_accounts()

    def _valid_rates(self, until=None):
        """Rates valid on the first day of the month (or on any day up to
        `until`), by component, the most specific first."""
        rates = self.env["msom.charge.rate"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("component_id.active", "=", True),
                ("date_from", "<=", until or self.period),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", self.period),
            ]
        )
        by_component = defaultdict(list)
        for rate in rates:
            by_component[rate.component_id].append(rate)
        for component_rates in by_component.values():
            component_rates.sort(
                key=lambda r: (-r._specificity(), -r.date_from.toordinal(), -r.id)
            )
        return dict(
            sorted(
                by_component.items(), key=lambda item: (item[0].sequence, item[0].id)
            )
        )

    def _plan_units(self, units, rates):
        """Plan lines for units: one per unit and payer, amounts by component."""
        period_start, period_end = self.period, self._period_end()
        days_in_month = (period_end - period_start).days + 1
        currency = self.company_id.currency_id
        occupancies = self.env["msom.occupancy"].search(
            [
                ("unit_id", "in", units.ids),
                ("role", "in", PAYING_ROLES),
                ("date_from", "<=", period_end),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", period_start),
            ],
            order="id",
        )
        by_unit = defaultdict(list)
        for occupancy in occupancies:
            by_unit[occupancy.unit_id.id].append(occupancy)
        vals_list = []
        for unit in units:
            base = {"run_id": self.id, "unit_id": unit.id}
            segments = self._payer_day_sets(
                unit, by_unit[unit.id], period_start, days_in_month
            )
            full = self._price_unit(unit, rates, days_in_month, currency)
            if not segments:
                vals_list.append(
                    dict(base, state="skipped", message=self.env._("No payer"))
                )
                continue
            if not full:
                vals_list.append(
                    dict(base, state="skipped", message=self.env._("Nothing to charge"))
                )
                continue
            covered = sum(len(days) for _partner, days in segments)
            allocated = defaultdict(float)
            for index, (partner, day_set) in enumerate(segments):
                days = len(day_set)
                last = index == len(segments) - 1 and covered == days_in_month
                detail = []
                for component, quantity, rate_amount, amount, priced in full:
                    if days == days_in_month:
                        share = amount
                    elif last:
                        share = currency.round(amount - allocated[component.id])
                    elif priced is None:
                        share = currency.round(amount * days / days_in_month)
                    else:
                        share = currency.round(
                            quantity
                            * sum(
                                price * len(day_set.intersection(part))
                                for part, price in priced
                            )
                            / days_in_month
                        )
                    allocated[component.id] += share
                    if share:
                        detail.append([component.id, quantity, rate_amount, share])
                total = currency.round(sum(item[3] for item in detail))
                vals_list.append(
                    dict(
                        base,
                        partner_id=partner.id,
                        days=days,
                        detail=detail,
                        amount_total=total,
                        document_type=self._document_type(unit, partner),
                        state="planned" if detail else "skipped",
                    )
                )
        return vals_list

    @api.model
    def _price_unit(self, unit, rates, days_in_month, currency):
        """[(component, quantity, rate, amount, priced)] of a unit for the
        month; priced is None for one rate all month, else the day ranges
        of each rate and its price (a rate change splits by days)."""
        full = []
        for component, parts in rates.items():
            priced = []
            for first, days, part_rates in parts:
                rate = next((r for r in part_rates if r._matches(unit)), None)
                if rate is None:
                    continue
                if (
                    priced
                    and priced[-1][1] == rate.amount
                    and priced[-1][0].stop == first
                ):  # the same price goes on: one part
                    priced[-1] = (range(priced[-1][0].start, first + days), rate.amount)
                else:
                    priced.append((range(first, first + days), rate.amount))
            if not priced:
                continue
            quantity = component._quantity(unit)
            if len(priced[0][0]) == days_in_month:  # one rate all month
                rate_amount = priced[0][1]
                amount = currency.round(rate_amount * quantity)
                priced = None
            else:
                exact = sum(
                    quantity * price * len(days) / days_in_month
                    for days, price in priced
                )
                amount = currency.round(exact)
                rate_amount = round(exact / quantity, 4) if quantity else 0.0
            if amount:
                full.append((component, quantity, rate_amount, amount, priced))
        return full

    @api.model
    def _document_type(self, unit, partner):
        """A VAT invoice for commercial units, business tenants and payers
        who asked for invoices (art. 106b ust. 3 of the VAT act)."""
        if (
            unit.unit_type == "commercial"
            or partner.is_company
            or partner.commercial_partner_id.msom_wants_invoice
        ):
            return "invoice"
        return "notice"

    @api.model
    def _payer_rank(self, unit, occupancy):
        rental = unit.ownership_form == "rental" or unit.unit_type == "commercial"
        order = (
            {"tenant": 0, "member": 1, "owner": 1, "co_owner": 2}
            if rental
            else {"member": 0, "owner": 0, "co_owner": 1, "tenant": 2}
        )
        return (order[occupancy.role], not occupancy.is_voting_proxy, occupancy.id)

    @api.model
    def _payer_days(self, unit, occupancies, period_start, days_in_month):
        """[(partner, days)] in order: who pays the unit on each day."""
        return [
            (partner, len(days))
            for partner, days in self._payer_day_sets(
                unit, occupancies, period_start, days_in_month
            )
        ]

    @api.model
    def _payer_day_sets(self, unit, occupancies, period_start, days_in_month):
        """[(partner, {day offsets})] in order: who pays on which days."""
        if not occupancies:
            return []
        occupancies = sorted(occupancies, key=lambda o: self._payer_rank(unit, o))
        segments = {}
        for offset in range(days_in_month):
            day = period_start + timedelta(days=offset)
            payer = next(
                (
                    o.partner_id
                    for o in occupancies
                    if o.date_from <= day and (not o.date_to or o.date_to >= day)
                ),
                None,
            )
            if payer is None:
                continue
            segments.setdefault(payer, set()).add(offset)
        return list(segments.items())
