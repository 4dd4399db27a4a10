"""How the server tests read a websocket (tests/runner/server_tests.py)."""

import json
import unittest

import websocket

from tests.runner.server_tests import TICKET_EVENTS, receive_until, ticket_events


class FakeConnection:
    """A websocket that has ``frames`` to give, then times out."""

    def __init__(self, *frames):
        self.frames = [json.dumps(frame) for frame in frames]
        self.timeouts = []

    def settimeout(self, timeout):
        self.timeouts.append(timeout)

    def recv(self):
        if not self.frames:
            raise websocket.WebSocketTimeoutException("timed out")
        return self.frames.pop(0)


def notification(id_, type_, payload):
    return {"id": id_, "message": {"type": type_, "payload": payload}}


def tickets(*events):
    return {"events": [{"id": id_, "kind": kind} for id_, kind in events]}


class TestReceiveUntil(unittest.TestCase):
    def test_everything_up_to_the_wanted_message(self):
        connection = FakeConnection(
            [notification(1, "bus/im_status", {})],
            [
                notification(2, TICKET_EVENTS, tickets((7, "created"))),
                notification(3, TICKET_EVENTS, tickets((7, "accepted"), (8, "new"))),
                notification(4, TICKET_EVENTS, tickets((9, "done"))),
            ],
        )
        received = receive_until(
            connection,
            lambda message: (7, "accepted") in ticket_events(message),
            "the change",
        )
        self.assertEqual(
            [event for message in received for event in ticket_events(message)],
            [(7, "created"), (7, "accepted"), (8, "new")],
        )
        # each wait gets what is left of the time allowed
        self.assertTrue(all(0 < left <= 30 for left in connection.timeouts))

    def test_nothing_wanted_within_the_time_says_what_came(self):
        connection = FakeConnection([notification(1, TICKET_EVENTS, tickets())])
        with self.assertRaisesRegex(
            AssertionError, rf"the change did not reach .* \['{TICKET_EVENTS}'\]"
        ):
            receive_until(connection, lambda message: False, "the change", timeout=1)

    def test_other_messages_have_no_ticket_events(self):
        self.assertEqual(ticket_events({"type": "mail.record/insert"}), [])
