"""Make a fresh demo database Polish: run by `./msom demo` through odoo_exec.

msom_estate's demo data sets the language of its own users; this only covers
what exists before it (admin, the public and portal template users) and the
company's country.
"""


def run(env, args):
    env["res.lang"]._activate_lang("pl_PL")
    users = env["res.users"].with_context(active_test=False).search([])
    users.write({"lang": "pl_PL"})
    env["res.company"].search([]).write({"country_id": env.ref("base.pl").id})
