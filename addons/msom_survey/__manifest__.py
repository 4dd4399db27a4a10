# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "mSOM Surveys and Votes",
    "summary": "Surveys and legally sound votes per building, estate or company",
    "version": "19.0.1.1.0",
    "license": "AGPL-3",
    "category": "Real Estate",
    "author": "mSOM contributors",
    "website": "https://github.com/msom-odoo/msom",
    "depends": ["msom_estate", "survey", "portal"],
    "data": [
        "security/msom_survey_security.xml",
        "security/ir.model.access.csv",
        "security/ir_rule.xml",
        "data/ir_cron.xml",
        "data/mail_templates.xml",
        "views/survey_survey_views.xml",
        "views/msom_vote_voter_views.xml",
        "views/menus.xml",
        "views/portal_templates.xml",
        "report/vote_protocol.xml",
    ],
    "demo": ["demo/msom_survey_demo.xml"],
    "assets": {
        "web.assets_tests": ["msom_survey/static/tests/tours/*.js"],
    },
    "installable": True,
}
