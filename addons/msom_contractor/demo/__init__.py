from . import fsm_order_demo
