# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from werkzeug.urls import url_encode

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.msom_estate.tools import param_id
from odoo.addons.portal.controllers.portal import CustomerPortal


class MsomVotePortal(CustomerPortal):
    """Residents' votes: a minimal page until msom_portal brings its own.

    Every rule is enforced by ``survey.survey._msom_cast_vote``; this
    controller only passes on what the resident chose.
    """

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "msom_vote_count" in counters:
            Survey = request.env["survey.survey"]
            values["msom_vote_count"] = (
                Survey.search_count(
                    [("msom_kind", "!=", False), ("msom_state", "=", "open")]
                )
                if Survey.has_access("read")
                else 0
            )
        return values

    @http.route("/my/votes", type="http", auth="user", website=True)
    def msom_my_votes(self, **kwargs):
        values = self._prepare_portal_layout_values()
        votes = request.env["survey.survey"]._msom_portal_votes(request.env.user)
        values.update(
            page_name="msom_votes",
            votes=[vote._msom_portal_info(request.env.user) for vote in votes],
        )
        return request.render("msom_survey.portal_my_votes", values)

    @http.route("/my/votes/<int:survey_id>", type="http", auth="user", website=True)
    def msom_my_vote(self, survey_id, message=None, error=None, **kwargs):
        survey = request.env["survey.survey"].browse(survey_id)
        try:
            info = survey._msom_portal_info(request.env.user)
        except (AccessError, MissingError):
            return request.redirect("/my/votes")
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="msom_vote",
            info=info,
            vote=info["survey"],
            message=message,
            error=error,
        )
        return request.render("msom_survey.portal_my_vote", values)

    @http.route(
        "/my/votes/<int:survey_id>/cast",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def msom_cast_vote(self, survey_id, answer_id=None, voter_id=None, **kwargs):
        survey = request.env["survey.survey"].browse(survey_id)
        url = f"/my/votes/{survey_id}"
        # a repeated submission of the same form gets the first one's page
        Submission = request.env["msom.submission"]
        token = kwargs.get("msom_submission")
        first = Submission._msom_claim(token)
        if first:
            return request.redirect(first["url"])
        try:
            survey.check_access("read")
            survey._msom_cast_vote(
                param_id(answer_id, "answer_id", default=0),
                request.env.user,
                voter=param_id(voter_id, "voter_id"),
            )
        except (AccessError, MissingError):
            return request.redirect("/my/votes")
        except UserError as exc:
            message = exc.args[0]
            return request.redirect(f"{url}?{url_encode({'error': message})}")
        done = Submission._msom_done(
            token, {"url": f"{url}?{url_encode({'message': 'voted'})}"}
        )
        return request.redirect(done["url"])
