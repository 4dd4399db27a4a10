from . import msom_statement_import
from . import msom_unit_turnover
