# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from odoo.addons.msom_estate.tools import search_within

from .fsm_stage import OPEN_STATES

DEFAULT_DUPLICATE_RADIUS_M = 50


class FsmOrder(models.Model):
    """Duplicates: open tickets of the same group on the same place, and merging."""

    _inherit = "fsm.order"  # pylint: disable=consider-merging-classes-inherited

    merged_into_id = fields.Many2one(
        "fsm.order",
        copy=False,
        readonly=True,
        index="btree_not_null",
    )
    duplicate_candidate_ids = fields.Many2many(
        "fsm.order",
        string="Possible Duplicates",
        compute="_compute_duplicate_candidate_ids",
    )

    @api.depends("category_id", "location_id", "latitude", "longitude")
    def _compute_duplicate_candidate_ids(self):
        for ticket in self:
            ticket.duplicate_candidate_ids = ticket._find_duplicates()

    def _find_duplicates(self, limit=10):
        """Open tickets of the same case group on the same place.

        Same place: the same unit, its staircase or building (or, for a ticket
        on a building, anything in it), or a map point within the configured
        radius (geodesic distance).
        """
        self.ensure_one()
        if not self.is_ticket or not self.category_id or not self.location_id:
            return self.browse()
        base = (
            Domain("is_ticket", "=", True)
            & Domain("category_id", "=", self.category_id.id)
            & Domain("ticket_state", "in", OPEN_STATES)
            & Domain("company_id", "=", self.company_id.id or self.env.company.id)
        )
        if self._origin.id:
            base &= Domain("id", "!=", self._origin.id)
        location = self.location_id
        places = [location.id, location.staircase_id.id, location.building_id.id]
        same_place = Domain("location_id", "in", [p for p in places if p])
        if location.location_level in ("building", "staircase"):
            same_place |= Domain(f"{location.location_level}_id", "=", location.id)
        found = self.search(base & same_place, limit=limit, order="report_date desc")
        radius = self._duplicate_radius_m()
        if radius and (self.latitude or self.longitude) and len(found) < limit:
            nearby = search_within(
                self,
                base & Domain("id", "not in", found.ids),
                self.latitude,
                self.longitude,
                radius,
                limit=limit * 5,
                order="report_date desc",
            )
            found |= self.browse(
                [ticket.id for ticket, _metres in nearby[: limit - len(found)]]
            )
        return found

    @api.model
    def _duplicate_radius_m(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("msom_tickets.duplicate_radius_m", DEFAULT_DUPLICATE_RADIUS_M)
        )
        try:
            return float(value)
        except ValueError:
            return DEFAULT_DUPLICATE_RADIUS_M

    def action_merge_into(self, original):
        """Merge these duplicates into ``original`` and close them.

        Reporters and followers follow the original, attachments move to it.
        """
        original.ensure_one()
        if original in self:
            raise UserError(self.env._("A ticket cannot be merged into itself."))
        closed = self._stage_for_state("rejected") or self._stage_for_state("closed")
        for duplicate in self:
            partners = duplicate.message_partner_ids | duplicate.reporter_partner_id
            original.message_subscribe(partner_ids=partners.ids)
            attachments = (
                self.env["ir.attachment"].search(
                    [("res_model", "=", "fsm.order"), ("res_id", "=", duplicate.id)]
                )
                | duplicate.attachment_ids
            )
            attachments.write({"res_id": original.id})
            original.attachment_ids = [
                Command.link(a.id) for a in duplicate.attachment_ids
            ]
            duplicate.attachment_ids = [Command.clear()]
            duplicate.with_context(msom_merging=True).write(
                {
                    "merged_into_id": original.id,
                    "stage_id": closed.id,
                    "rejection_reason": self.env._(
                        "Duplicate of %(ticket)s.", ticket=original.name
                    ),
                }
            )
            original.message_post(
                body=self.env._(
                    "Ticket %(duplicate)s (reported by %(reporter)s) was merged "
                    "into this one.",
                    duplicate=duplicate.name,
                    reporter=duplicate.reporter_display or "-",
                ),
                subtype_xmlid="mail.mt_note",
            )
            duplicate.message_post(
                body=self.env._("Merged into %(ticket)s.", ticket=original.name),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_open_merge_wizard(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "msom_tickets.action_msom_ticket_merge"
        )
        action["context"] = {
            "default_duplicate_id": self.id,
            "default_original_id": self.duplicate_candidate_ids[:1].id,
        }
        return action

    def _log_duplicates(self):
        self.ensure_one()
        duplicates = self._find_duplicates(limit=5)
        if duplicates:
            self.message_post(
                body=self.env._(
                    "Possible duplicate of: %(tickets)s. Merge it if it is the "
                    "same problem.",
                    tickets=", ".join(duplicates.mapped("name")),
                ),
                subtype_xmlid="mail.mt_note",
            )
