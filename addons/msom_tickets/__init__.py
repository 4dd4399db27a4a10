from . import controllers, models, wizards, demo
