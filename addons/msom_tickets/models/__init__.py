from . import (
    fsm_category,
    fsm_stage,
    res_partner,
    fsm_person,
    fsm_order,
    fsm_order_live,
    ir_websocket,
    msom_ticket_report,
    msom_ticket_demo,
    msom_open311_client,
    msom_contractor_assignment,
    ir_http,
)
