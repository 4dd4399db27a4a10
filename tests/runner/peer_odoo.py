"""Odoo's command line, with at_install tests run in the post-install phase.

Usage: python3 -m tests.runner.peer_odoo <odoo options> (see peer_suites.py).

On a database where the modules are already installed, Odoo runs the
at_install tests of the --test-tags while it loads each module (before the
modules that depend on it, ours among them) and the post_install ones at the
end. The peer suites must run all of them with every module loaded: this
wrapper moves the at_install ones to the post-install suite, first, as at
install time.
"""

from odoo.tests import loader
from odoo.tests.suite import OdooSuite

odoo_make_suite = loader.make_suite


def make_suite(module_names, position="at_install"):
    # Without -i/-u Odoo runs at_install tests while it loads each module,
    # on a registry that lacks the modules loaded after it (and ours).
    if position != "post_install":
        return OdooSuite([])
    first = odoo_make_suite(module_names, "at_install")
    then = odoo_make_suite(module_names, "post_install")
    return OdooSuite([*first, *then])


if __name__ == "__main__":
    loader.make_suite = make_suite
    from odoo.cli.command import main

    main()
