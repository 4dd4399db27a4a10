# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models
from odoo.tools.translate import TranslationImporter, get_po_paths


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False):
        """Our Polish terms of Field Service's records (i18n_extra) win over
        the ones other modules loaded before: fieldservice_activity's pl.po
        "translates" the model name "Field Service Order" as itself, and
        loaded first it would keep the chatter's creation lines English
        ("Field Service Order utworzono")."""
        result = super()._load_module_terms(modules, langs, overwrite=overwrite)
        if "msom_estate" in modules:
            importer = TranslationImporter(self.env.cr, verbose=False)
            for lang in langs:
                for path in get_po_paths("msom_estate", lang):
                    if "i18n_extra" in path:
                        importer.load_file(path, lang)
            importer.save(overwrite=True)
        return result
