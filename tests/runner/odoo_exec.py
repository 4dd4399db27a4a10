"""Run a Python file's `run(env, args)` against an Odoo database.

Usage, from the repository:

    python3 -m tests.runner.odoo_exec <odoo options, --database=db> -- <file.py> [args]

It bootstraps Odoo the way `odoo shell` does, without the interactive
console: the registry of the database, a superuser environment with the
admin's context. The transaction is committed if `run` returns normally.
"""

import runpy
import sys

from odoo import api
from odoo.modules.registry import Registry
from odoo.tools import config


def main(argv):
    separator = argv.index("--")
    odoo_options, (script, *arguments) = argv[:separator], argv[separator + 1 :]
    config.parse_config(odoo_options, setup_logging=True)
    if len(config["db_name"]) != 1:
        sys.exit("odoo_exec needs exactly one --database")
    dbname = config["db_name"][0]
    run = runpy.run_path(script)["run"]
    registry = Registry(dbname)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        env = env(context=env["res.users"].context_get())
        run(env, arguments)


if __name__ == "__main__":
    main(sys.argv[1:])
