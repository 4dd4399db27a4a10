# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MsomDocument(models.Model):
    """A document of a unit or partner: contract, annex, application, decision."""

    _name = "msom.document"
    _description = "Unit Document"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(string="Title", required=True)
    document_type = fields.Selection(
        [
            ("contract", "Contract"),
            ("annex", "Annex"),
            ("application", "Application"),
            ("decision", "Decision"),
            ("letter", "Letter"),
            ("court", "Court document"),
            ("other", "Other"),
        ],
        string="Type",
        required=True,
        default="contract",
    )
    reference = fields.Char(string="Document Number")
    date = fields.Date(required=True, default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    unit_id = fields.Many2one(
        "fsm.location",
        string="Housing Unit",
        index=True,
        domain=[("location_level", "=", "unit")],
    )
    partner_id = fields.Many2one("res.partner", index=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    portal_visible = fields.Boolean(
        string="Visible in the Portal",
        help="The unit's residents (or the partner) see it in the portal.",
    )
    description = fields.Text()

    def _msom_has_owner(self):
        """Whether the document belongs to something (a unit, a partner…)."""
        self.ensure_one()
        return bool(self.unit_id or self.partner_id)

    @api.constrains("unit_id", "partner_id")
    def _check_owner(self):
        # also called from create: a constraint fires only for given fields
        for document in self:
            if not document._msom_has_owner():
                raise ValidationError(
                    self.env._("A document belongs to a unit, a partner or a file.")
                )
            if document.unit_id and document.unit_id.location_level != "unit":
                raise ValidationError(
                    self.env._("Documents are kept on units, not on buildings.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        documents = super().create(vals_list)
        documents._check_owner()
        documents._link_attachments()
        return documents

    def write(self, vals):
        res = super().write(vals)
        if "attachment_ids" in vals:
            self._link_attachments()
        return res

    def _link_attachments(self):
        """Attachments belong to the document, so its access rules cover them."""
        for document in self:
            document.attachment_ids.filtered(lambda a: not a.res_id).sudo().write(
                {"res_model": self._name, "res_id": document.id}
            )

    def msom_portal_attachments(self):
        """Portal API: the files of documents the current user may read."""
        self.check_access("read")
        return self.sudo().attachment_ids

    @api.model
    def _portal_documents(self, partner):
        """Documents a resident sees: portal-visible, of their current units or
        addressed to them."""
        units = partner._get_current_units()
        return self.sudo().search(
            [
                ("portal_visible", "=", True),
                "|",
                ("partner_id", "=", partner.id),
                ("unit_id", "in", units.ids),
            ]
        )
