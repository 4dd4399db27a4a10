from . import msom_statement_import
from . import msom_unit_turnover
from . import msom_unit_turnover_line
from . import msom_unit_turnover_component
from . import msom_zsi_import
from . import msom_zsi_import_mapping
from . import msom_zsi_import_error
from . import msom_zsi_import_progress
