# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from odoo import fields, models
from odoo.fields import Command
from odoo.tools import SQL, format_amount


class MsomChargeRunLine(models.Model):
    """The plan of a run for one unit and payer, and its posted document."""

    _name = "msom.charge.run.line"
    _description = "Charge Run Line"
    _order = "run_id, id"

    run_id = fields.Many2one(
        "msom.charge.run", required=True, index=True, ondelete="cascade"
    )
    unit_id = fields.Many2one("fsm.location", required=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Payer")
    days = fields.Integer()
    amount_total = fields.Float(string="Amount")
    detail = fields.Json()
    detail_text = fields.Text(string="Components", compute="_compute_detail_text")
    document_type = fields.Selection(
        [("notice", "Charge notice"), ("invoice", "VAT invoice")]
    )
    state = fields.Selection(
        [("planned", "Planned"), ("posted", "Posted"), ("skipped", "Skipped")],
        default="planned",
        required=True,
        index=True,
    )
    message = fields.Char()
    move_id = fields.Many2one("account.move", string="Document", index="btree_not_null")

    def _compute_detail_text(self):
        components = self.env["msom.charge.component"].browse(
            {item[0] for line in self for item in (line.detail or [])}
        )
        names = {component.id: component.name for component in components.exists()}
        for line in self:
            currency = line.run_id.company_id.currency_id
            line.detail_text = "\n".join(
                "%s: %s"
                % (names.get(item[0], "?"), format_amount(self.env, item[3], currency))
                for item in (line.detail or [])
            )

    def _post_batch(self):
        """Create and post the documents of these planned lines."""
        run = self.run_id
        run.ensure_one()
        company = run.company_id
        Move = self.env["account.move"]
        # Restart safety: documents a killed run already created are linked.
        existing = Move.search(
            [
                ("company_id", "=", company.id),
                ("msom_charge_period", "=", run.period),
                ("unit_id", "in", self.unit_id.ids),
                ("state", "!=", "cancel"),
            ]
        )
        existing_by_key = {(m.unit_id.id, m.partner_id.id): m for m in existing}
        todo = self.env["msom.charge.run.line"]
        for line in self:
            move = existing_by_key.get((line.unit_id.id, line.partner_id.id))
            if move:
                if move.state == "draft":
                    move.action_post()
                line.write({"state": "posted", "move_id": move.id})
            else:
                todo |= line
        if not todo:
            return
        accounts = todo._virtual_accounts()
        components = {
            c.id: c
            for c in self.env["msom.charge.component"].browse(
                {item[0] for line in todo for item in line.detail}
            )
        }
        vals_list = [
            line._prepare_move_vals(
                components, accounts[(line.partner_id, line.unit_id)]
            )
            for line in todo
        ]
        notices = [vals for vals in vals_list if vals["move_type"] == "entry"]
        invoices = [vals for vals in vals_list if vals["move_type"] != "entry"]
        move_by_vals = {}
        if notices:
            entries = Move._msom_create_posted_entries(notices)
            move_by_vals.update(zip(map(id, notices), entries, strict=True))
        if invoices:
            Move = Move.with_context(
                tracking_disable=True, mail_create_nolog=True, mail_notrack=True
            )
            created = Move.create(invoices)
            created.action_post()
            move_by_vals.update(zip(map(id, invoices), created, strict=True))
        moves = Move.browse([move_by_vals[id(vals)].id for vals in vals_list])
        self.env.cr.execute(
            SQL(
                """
                UPDATE msom_charge_run_line AS line
                   SET state = 'posted', move_id = data.move_id
                  FROM (SELECT unnest(%s::int[]) AS id,
                               unnest(%s::int[]) AS move_id) AS data
                 WHERE line.id = data.id
                """,
                todo.ids,
                moves.ids,
            )
        )
        todo.invalidate_recordset(["state", "move_id"])
        self.run_id.invalidate_recordset()
        self.env["account.move.line"]._msom_apply_credits(moves)
        # KSeF is called after the batch commits, never inside it
        to_ksef = moves._msom_ksef_pending()
        if to_ksef:
            to_ksef.with_delay(
                description=self.env._("%(run)s: KSeF", run=run.name)
            )._msom_send_to_ksef()

    def _virtual_accounts(self):
        VirtualAccount = self.env["msom.virtual.account"]
        company = self.run_id.company_id
        found = VirtualAccount.with_context(active_test=False).search(
            [
                ("company_id", "=", company.id),
                ("unit_id", "in", self.unit_id.ids),
                ("partner_id", "in", self.partner_id.ids),
            ]
        )
        result = {(a.partner_id, a.unit_id): a for a in found}
        missing = {(line.partner_id, line.unit_id) for line in self} - set(result)
        if missing and company.msom_bank_sort_code:
            missing = sorted(missing, key=lambda k: (k[1].id, k[0].id))
            numbers = company._msom_reserve_payer_numbers(len(missing))
            created = VirtualAccount.create(
                [
                    VirtualAccount._prepare_new(partner, unit, company, number)
                    for (partner, unit), number in zip(missing, numbers, strict=True)
                ]
            )
            result.update({(a.partner_id, a.unit_id): a for a in created})
        return defaultdict(lambda: VirtualAccount, result)

    def _prepare_move_vals(self, components, virtual_account):
        self.ensure_one()
        run = self.run_id
        company = run.company_id
        unit = self.unit_id
        partner = self.partner_id
        # named in the company's language, whoever runs the charges
        ref = self.with_context(lang=company.partner_id.lang or self.env.lang).env._(
            "Charges %(month)s unit %(unit)s",
            month=run.period.strftime("%m/%Y"),
            unit=unit.unit_number or unit.name,
        )
        common = {
            "partner_id": partner.id,
            "unit_id": unit.id,
            "msom_charge_period": run.period,
            "msom_charge_run_id": run.id,
            "msom_virtual_account_id": virtual_account.id,
            "company_id": company.id,
            "ref": ref,
        }
        if self.document_type == "invoice":
            return dict(
                common,
                move_type="out_invoice",
                journal_id=company._msom_get_invoice_journal().id,
                invoice_date=run.period,
                # the sale date of a service settled by the month is its
                # last day (art. 19a ust. 3 and art. 106e ust. 1 pkt 6)
                delivery_date=run._period_end(),
                date=run.period,
                invoice_date_due=run.due_date,
                invoice_line_ids=[
                    Command.create(
                        {
                            "name": components[component_id].name,
                            "quantity": 1,
                            "price_unit": amount,
                            "account_id": components[component_id].account_id.id,
                            "tax_ids": [
                                Command.set(
                                    components[component_id]._taxes_for(unit).ids
                                )
                            ],
                            "msom_component_id": component_id,
                        }
                    )
                    for component_id, _quantity, _rate, amount in self.detail
                ],
            )
        receivable = partner.with_company(company).property_account_receivable_id
        lines = []
        for component_id, _quantity, _rate, amount in self.detail:
            component = components[component_id]
            vals = {
                "name": component.name,
                "account_id": component.account_id.id,
                "balance": -amount,
                "partner_id": partner.id,
                "msom_component_id": component_id,
                # given here, these precomputed fields are not searched
                # for again on every line
                "display_type": "product",
                "analytic_distribution": False,
            }
            taxes = component._taxes_for(unit)
            if taxes:  # an exempt charge: in the VAT return, through the ORM
                vals["tax_ids"] = [Command.set(taxes.ids)]
            lines.append(Command.create(vals))
        lines.append(
            Command.create(
                {
                    "name": ref,
                    "account_id": receivable.id,
                    "balance": self.amount_total,
                    "partner_id": partner.id,
                    "date_maturity": run.due_date,
                    "display_type": "product",
                    "analytic_distribution": False,
                }
            )
        )
        return dict(
            common,
            move_type="entry",
            journal_id=company._msom_get_charge_journal().id,
            date=run.period,
            line_ids=lines,
        )
