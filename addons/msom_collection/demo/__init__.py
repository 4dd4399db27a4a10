from . import msom_collection_demo
