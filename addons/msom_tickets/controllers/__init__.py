from . import open311
