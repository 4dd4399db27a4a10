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


def demo_env(env, module=None):
    """The environment demo generators write in: the company's language
    (Polish in the demo cooperative, see msom_estate's demo).

    Odoo loads data files with no language in the context
    (odoo.tools.convert), so a generator called from a `<function>` tag would
    store English: translated strings, names, and the model descriptions and
    selection labels mail.thread writes into the chatter on create and on
    tracked changes ("Field Service Order utworzono"). Odoo also loads a
    module's translations only after its demo data: `module`'s terms (its
    model descriptions) are loaded here first.
    """
    lang = env.company.partner_id.lang
    if not lang or not env["res.lang"]._lang_get(lang):
        return env
    if module and lang != "en_US":
        env["ir.module.module"]._load_module_terms([module], [lang])
    return env(context=dict(env.context, lang=lang))
