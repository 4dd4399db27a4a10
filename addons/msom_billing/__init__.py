from . import tools
from . import models
from . import report
from . import wizards
from . import controllers


def _post_init_hook(env):
    """Billing's journals, accounts and taxes for the companies whose chart
    of accounts was loaded before billing was installed."""
    ChartTemplate = env["account.chart.template"]
    for company in env["res.company"].search(
        [("chart_template", "!=", False)], order="parent_path"
    ):
        ChartTemplate._msom_load_billing_data(company)
