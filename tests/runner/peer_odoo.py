"""Odoo's command line, with at_install tests run in the post-install phase.

Usage: python3 -m tests.runner.peer_odoo <odoo options> (see peer_suites.py).

On a database where the modules are already installed, Odoo runs only the
post_install tests of the --test-tags. The peer suites must also run the
at_install ones, and with every module loaded: this wrapper makes the
post-install suite hold both (at_install ones first, as at install time).
"""

from odoo.tests import loader
from odoo.tests.suite import OdooSuite

odoo_make_suite = loader.make_suite


def make_suite(module_names, position="at_install"):
    if position != "post_install":
        return odoo_make_suite(module_names, position)
    first = odoo_make_suite(module_names, "at_install")
    then = odoo_make_suite(module_names, "post_install")
    return OdooSuite([*first, *then])


if __name__ == "__main__":
    loader.make_suite = make_suite
    from odoo.cli.command import main

    main()
