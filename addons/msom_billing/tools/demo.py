# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def demo_env(env):
    """The environment demo generators write in: the demo cooperative is
    Polish, so its texts (translated strings, notes, names) are written in
    Polish when the language is installed (`./msom demo` loads it first), as
    msom_estate's registry generator does."""
    if env["res.lang"]._lang_get("pl_PL"):
        return env(context=dict(env.context, lang="pl_PL"))
    return env
