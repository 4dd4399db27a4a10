# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models
from odoo.exceptions import UserError

# Fields of a survey that open Odoo's answering pages; Odoo lets no portal user
# read surveys at all, ours read the votes of their scope, without these.
ANSWERING_TOKENS = frozenset({"access_token", "session_code"})


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    def _has_field_access(self, field, operation):
        if not super()._has_field_access(field, operation):
            return False
        return (
            field.name not in ANSWERING_TOKENS
            or self.env.su
            or not self.env.user._is_portal()
        )

    def _create_answer(self, *args, **kwargs):
        # A survey answer stores who answered what: a ballot is never one.
        if any(survey.msom_kind == "vote" for survey in self):
            raise UserError(
                self.env._("A vote is cast in the resident portal, not as a survey.")
            )
        return super()._create_answer(*args, **kwargs)
