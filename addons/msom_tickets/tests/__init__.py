from . import (
    test_board,
    test_i18n,
    test_live,
    test_open311,
    test_plain_orders,
    test_security,
    test_ticket,
    test_ticket_flow,
    test_tour,
)
