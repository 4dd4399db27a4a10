from . import unit_turnover_xlsx
