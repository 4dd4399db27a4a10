from . import msom_ticket_demo
