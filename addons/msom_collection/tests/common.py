# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.fields import Command

from odoo.addons.msom_billing.tests.common import MsomBillingCase


class MsomCollectionCase(MsomBillingCase):
    """Billing case with helpers for late payments and charges."""

    @classmethod
    def _pay(cls, unit, partner, amount, date):
        """A payment received on `date`, applied to the oldest charges."""
        receivable = partner.property_account_receivable_id
        bank_account = cls.bank_journal.default_account_id
        move = cls.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": cls.bank_journal.id,
                "date": date,
                "unit_id": unit.id,
                "partner_id": partner.id,
                "line_ids": [
                    Command.create(
                        {"account_id": bank_account.id, "balance": amount,
                         "partner_id": partner.id}
                    ),
                    Command.create(
                        {"account_id": receivable.id, "balance": -amount,
                         "partner_id": partner.id}
                    ),
                ],
            }
        )  # fmt: skip
        move.action_post()
        credit = move.line_ids.filtered(lambda line: line.balance < 0)
        cls.env["account.move.line"]._msom_reconcile_oldest_first(credit)
        return move

    @classmethod
    def _charge(cls, unit, partner, amount, due, date=None):
        """A single charge of `amount` due on `due` (a plain entry)."""
        receivable = partner.property_account_receivable_id
        move = cls.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": cls.company._msom_get_charge_journal().id,
                "date": date or due,
                "unit_id": unit.id,
                "partner_id": partner.id,
                "ref": "Opłaty %s" % due,
                "line_ids": [
                    Command.create(
                        {"account_id": receivable.id, "balance": amount,
                         "partner_id": partner.id, "date_maturity": due}
                    ),
                    Command.create(
                        {"account_id": cls.account_maintenance.id,
                         "balance": -amount, "partner_id": partner.id,
                         "msom_component_id": cls.c_maintenance.id}
                    ),
                ],
            }
        )  # fmt: skip
        move.action_post()
        return move

    @classmethod
    def _business_debtor(cls, name, medical=False, lease_unit=None):
        """A company; with `lease_unit`, its tenant under a commercial lease
        (the unit becomes a commercial unit)."""
        partner = cls.env["res.partner"].create(
            {"name": name, "is_company": True, "msom_public_medical_entity": medical}
        )
        if lease_unit:
            lease_unit.unit_type = "commercial"
            cls._occupy(lease_unit, partner, role="tenant", msom_commercial_lease=True)
        return partner

    @classmethod
    def _three_late_debtors(cls):
        """Units 1, 2 and 12, each with its own payer, charged 1,000 zł due
        on 10 March 2025 and paid on 30 April 2025."""
        partners = cls.env["res.partner"].create(
            [{"name": "Dłużnik %s" % index} for index in range(3)]
        )
        units = cls.unit_1 | cls.unit_2 | cls.unit_12
        for unit, partner in zip(units, partners, strict=True):
            cls._charge(unit, partner, 1000.0, "2025-03-10")
            cls._pay(unit, partner, 1000.0, "2025-04-30")
