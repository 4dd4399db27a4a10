from . import msom_ticket_merge, msom_ticket_reopen
