# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from odoo import api, models
from odoo.tools import ormcache

_logger = logging.getLogger(__name__)

# The ORM methods the SQL paths of msom_billing stand in for: posting entries
# (charge notices, interest notes, the moves of bank statement lines), the
# statement lines themselves and the reconciliation of charges with payments.
STOOD_IN_FOR = {
    "account.move": ("create", "write", "_post", "action_post"),
    "account.move.line": ("create", "write", "reconcile", "_reconcile_plan"),
    "account.partial.reconcile": ("create",),
    "account.full.reconcile": ("create",),
    "account.bank.statement.line": ("create", "write"),
}
# Modules whose versions of those methods the SQL paths reproduce (the tests
# compare both paths column by column); None stands for the ORM's base
# classes. Another module overriding one of them (an e-invoicing or audit
# module, say) sends every posting through the ORM until it is reviewed and
# added here.
REVIEWED_MODULES = frozenset({None, "base", "mail", "analytic", "account"})


class AccountMove(models.Model):
    _inherit = "account.move"

    @api.model
    @ormcache()
    def _msom_unreviewed_overrides(self):
        """(model, method, module) of the overrides outside REVIEWED_MODULES.

        Read from the classes of the registry, so it changes only when
        modules are installed or removed (the cache goes with the registry).
        """
        found = []
        for model, methods in STOOD_IN_FOR.items():
            # the registry's own class holds no code (tests may patch it)
            for cls in type(self.env[model]).__mro__[1:]:
                module = getattr(cls, "_module", None)
                for method in methods:
                    if method in vars(cls) and module not in REVIEWED_MODULES:
                        found.append((model, method, module))
        if found:
            _logger.info(
                "msom_billing posts through the ORM: %s",
                ", ".join(f"{module} overrides {model}.{method}"
                          for model, method, module in found),
            )  # fmt: skip
        return tuple(found)

    @api.model
    def _msom_fast_posting(self, journals=None):
        """Whether the SQL paths may stand in for the ORM.

        Only where they are provably the same: no installed module outside
        the reviewed ones hooks the methods they replace, no journal among
        `journals` secures its entries with a hash chain (the ORM's posting
        computes it), and the caller did not ask for the ORM (context key
        `msom_orm_posting`, used by the benchmark and the tests).
        """
        if self.env.context.get("msom_orm_posting"):
            return False
        if journals and any(journals.mapped("restrict_mode_hash_table")):
            return False
        return not self._msom_unreviewed_overrides()

    @api.model
    def _msom_create_posted_entries(self, vals_list):
        """Posted journal entries: in SQL where that is safe, else through
        the ORM, one create and one post for the whole batch."""
        if not vals_list:
            return self.browse()
        journals = self.env["account.journal"].browse(
            {vals["journal_id"] for vals in vals_list}
        )
        taxed = any(
            command[2].get("tax_ids")
            for vals in vals_list
            for command in vals["line_ids"]
        )
        # the SQL path writes no taxes: entries with taxes (an exempt charge
        # recorded for the VAT return) post through the ORM
        if not taxed and self._msom_fast_posting(journals):
            return self._msom_insert_posted_entries(vals_list)
        moves = self.with_context(
            tracking_disable=True, mail_create_nolog=True, mail_notrack=True
        ).create(vals_list)
        moves.action_post()
        return moves.with_env(self.env)
