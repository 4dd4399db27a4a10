# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""For migrations/ scripts: noupdate data files that changed.

An update never rewrites noupdate records (record rules, default stages), so
a new version of them reaches existing databases through a post-migrate
script of the version that changed them.
"""

from odoo.tools.convert import convert_file


def reload_noupdate_file(env, module, filename):
    """Load a noupdate data file again as at installation: each record in it
    gets the values the file gives, and stays noupdate.

    Use it for files whose records the users do not customise (record rules);
    for the others, write the changed values only.
    """
    convert_file(env, module, filename, None, mode="init", noupdate=True)
