from . import msom_meter_demo
