# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def demo_generated_before(env, name):
    """Whether the demo generator `name` already ran in this database; marks
    it as run otherwise.

    Demo generators are called from `<function>` tags: Odoo skips those on
    an update, but a module's demo is loaded again when it is reinstalled or
    its demo forced, and a second run would duplicate the whole cooperative.
    """
    params = env["ir.config_parameter"].sudo()
    key = f"msom_demo.{name}"
    if params.get_param(key):
        return True
    params.set_param(key, "1")
    return False
