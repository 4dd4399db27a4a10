from . import controllers, models, wizards
