from . import msom_registry_generator
