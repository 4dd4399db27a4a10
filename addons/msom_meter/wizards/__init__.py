from . import msom_zsi_import
