"""Tests of `./msom serve`: the multi-process server as production runs it.

On a PostgreSQL cluster of our own (it gets restarted), with the demo data
of msom_portal and msom_billing: a resident logs in and opens pages, a
message of the office reaches the resident's open websocket, a queued
charge-run job is run by queue_job's runner, a ticket's change of stage
reaches the websockets of its company's operators and not those of another
company, the read-only pages are read from a hot standby (with the
resident's own write visible right after it), and after a PostgreSQL restart
the pages work again and a cron runs within two minutes. Each check counts as
one test in `./msom test`.
"""

import json
import re
import socket
import subprocess
import time
import traceback
import xmlrpc.client
from contextlib import contextmanager

from .databases import run_script
from .environment import REPO, SetupError, say
from .odoo_log import Problem
from .odoo_run import LOG_DIR, Odoo, free_port, run_logged, stop
from .pg_cluster import Cluster
from .serve import serve_command, serve_environment

DBNAME = "msom_serve_test"
MODULES = ["msom_portal", "msom_billing"]
RESIDENT = ("mieszkaniec", "mieszkaniec")
OFFICE = ("operator", "operator")
ADMIN = ("admin", "admin")
# an operator of a second company, made by the check that needs them
FOREIGN_OFFICE = ("operator_obcy", "operator-obcy")
# what the web client asks the bus for to follow the tickets (msom_tickets)
TICKETS_CHANNEL = "msom.tickets.live"
TICKET_EVENTS = "msom.tickets/changed"
RESIDENT_PAGES = ["/my", "/my/units", "/my/tickets", "/my/chat", "/my/documents"]
WORKERS = 2
CRON_DEADLINE = 120  # seconds for a cron to run after PostgreSQL restarts
JOB_DEADLINE = 120


def run_server_tests(conf):
    """(number passed, problems) of the checks; the problems are printed."""
    say("\nServer tests (./msom serve on a PostgreSQL cluster of their own):")
    cluster = Cluster.create(free_port())
    odoo = Odoo(cluster.postgres(), conf)
    passed, problems = 0, []
    try:
        install(odoo)
        with served(odoo) as server:
            for check in CHECKS:
                name = check.__name__.removeprefix("check_").replace("_", " ")
                try:
                    check(server, cluster)
                except Exception:  # noqa: BLE001 (each check is one test)
                    problems.append(Problem(f"server: {name}", traceback.format_exc()))
                    say(f"  {name}: FAILED")
                else:
                    passed += 1
                    say(f"  {name}: passed")
    except SetupError as error:
        problems.append(Problem(f"server tests could not start: {error}"))
    finally:
        cluster.remove()
        odoo.remove_filestore(DBNAME)
    return passed, problems


def install(odoo):
    log = LOG_DIR / "server-install.log"
    say(f"  installing {', '.join(MODULES)} with demo data (log: var/log/{log.name})")
    command = odoo.command(
        f"--database={DBNAME}",
        f"--init={','.join(MODULES)}",
        "--with-demo",
        "--stop-after-init",
        "--workers=0",
        "--max-cron-threads=0",
    )
    if run_logged(command, log):
        raise SetupError(f"installing failed; see var/log/{log.name}")


class Server:
    def __init__(self, odoo, port, gevent_port, log_path):
        self.odoo = odoo
        self.log_path = log_path
        self.url = f"http://127.0.0.1:{port}"
        self.gevent_port = gevent_port

    def query(self, sql, params=()):
        return self.odoo.postgres.query(sql, params, dbname=DBNAME)

    def resident_session(self):
        """A requests session logged in as the demo resident."""
        return self.session(RESIDENT)

    def session(self, user):
        """A requests session logged in as ``user`` (login, password)."""
        import requests

        session = requests.Session()
        page = session.get(f"{self.url}/web/login", timeout=60)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        login, password = user
        answer = session.post(
            f"{self.url}/web/login",
            data={"login": login, "password": password, "csrf_token": token},
            timeout=60,
        )
        answer.raise_for_status()
        assert "/web/login" not in answer.url, f"{login} could not log in"
        return session

    def office_call(self, model, method, *args, **kwargs):
        return self.call(OFFICE, model, method, *args, **kwargs)

    def call(self, user, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` as ``user`` over XML-RPC, which
        the HTTP workers serve."""
        login, password = user
        common = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/common")
        uid = common.authenticate(DBNAME, login, password, {})
        models = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/object")
        return models.execute_kw(DBNAME, uid, password, model, method, args, kwargs)

    @contextmanager
    def websocket(self, session, channels=()):
        """A websocket on the gevent port as the web client of ``session``
        opens it, subscribed to ``channels`` and to the user's own."""
        import websocket

        connection = websocket.create_connection(
            f"ws://127.0.0.1:{self.gevent_port}/websocket",
            cookie=f"session_id={session.cookies['session_id']}",
            origin=f"http://127.0.0.1:{self.gevent_port}",
            timeout=30,
        )
        try:
            # last 0: what was sent in the last 50 s comes too
            subscribe = {
                "event_name": "subscribe",
                "data": {"channels": list(channels), "last": 0},
            }
            connection.send(json.dumps(subscribe))
            yield connection
        finally:
            connection.close()

    def wait_until_serving(self, timeout=300):
        """Until a worker answers and the websocket process listens (the
        master starts that one last)."""
        import requests

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/web/health", timeout=60).ok:
                    socket.create_connection(("127.0.0.1", self.gevent_port)).close()
                    return
            except (requests.RequestException, OSError):  # not up yet, or loading
                pass
            time.sleep(1)
        raise SetupError(f"the server did not answer on {self.url} in {timeout} s")


@contextmanager
def served(odoo, *options, log_name="server.log"):
    port, gevent_port = free_port(), free_port()
    command = serve_command(odoo, DBNAME, "127.0.0.1", port, gevent_port, WORKERS, 1)
    log_path = LOG_DIR / log_name
    log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115
    process = subprocess.Popen(
        [*command, *options],
        cwd=REPO,
        env=serve_environment(WORKERS, port),
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        server = Server(odoo, port, gevent_port, log_path)
        server.wait_until_serving()
        yield server
    finally:
        stop(process)
        log.close()


# --- the checks, in this order ----------------------------------------------


def check_resident_logs_in_and_opens_pages(server, cluster):
    session = server.resident_session()
    for page in RESIDENT_PAGES:
        answer = session.get(f"{server.url}{page}", timeout=60)
        assert answer.status_code == 200, f"{page}: HTTP {answer.status_code}"
        assert "/web/login" not in answer.url, f"{page}: sent to the login page"


def check_office_message_reaches_the_residents_websocket(server, cluster):
    session = server.resident_session()
    session.get(f"{server.url}/my/chat", timeout=60)  # makes the conversation
    with server.websocket(session) as connection:
        (conversation,) = server.office_call(
            "msom.resident.conversation",
            "search",
            [("partner_id.user_ids.login", "=", RESIDENT[0])],
        )
        text = f"Office answer {time.time()}"
        server.office_call(
            "msom.resident.conversation",
            "message_post",
            [conversation],
            body=text,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        receive_until(
            connection,
            lambda message: (
                message["type"] == "msom.conversation/message"
                and text in message["payload"]["body"]
            ),
            "the office's message",
        )


def check_ticket_stage_change_reaches_the_operators_of_its_company_only(
    server, cluster
):
    """The operator's websocket on the gevent port hears of a ticket of their
    company that changes stage through an HTTP worker; an operator of another
    company hears only of their own company's ticket."""
    foreign_estate = make_foreign_office(server)
    ((ticket,),) = server.query(
        "SELECT o.id FROM fsm_order o JOIN res_users u ON u.company_id = o.company_id"
        " WHERE u.login = %s AND o.is_ticket AND o.ticket_state = 'new'"
        " ORDER BY o.id LIMIT 1",
        [OFFICE[0]],
    )
    office, foreign = server.session(OFFICE), server.session(FOREIGN_OFFICE)
    with (
        server.websocket(office, [TICKETS_CHANNEL]) as office_socket,
        server.websocket(foreign, [TICKETS_CHANNEL]) as foreign_socket,
    ):
        server.office_call("fsm.order", "action_msom_accept", [ticket])
        receive_until(
            office_socket,
            lambda message: (ticket, "accepted") in ticket_events(message),
            "the ticket's change of stage",
        )
        # Once the event of the other company's own ticket is there, an event
        # of the first ticket sent to that company would be there too.
        own = server.call(
            FOREIGN_OFFICE,
            "fsm.order",
            "create",
            {"location_id": foreign_estate, "description": "Cieknie dach"},
            context={"default_is_ticket": True},
        )
        heard = receive_until(
            foreign_socket,
            lambda message: (own, "created") in ticket_events(message),
            "the other company's own ticket",
        )
    heard_of = {
        ticket_id for message in heard for ticket_id, _ in ticket_events(message)
    }
    assert heard_of == {own}, f"the other company's operator heard of {heard_of}"


def make_foreign_office(server):
    """A second company with a team, an estate and an operator of its own
    (FOREIGN_OFFICE); returns the estate's id."""
    company = server.call(ADMIN, "res.company", "create", {"name": "Spółdzielnia Obca"})
    ((partner,),) = server.query(
        "SELECT partner_id FROM res_company WHERE id = %s", [company]
    )
    ((operators,),) = server.query(
        "SELECT res_id FROM ir_model_data"
        " WHERE module = 'msom_estate' AND name = 'group_msom_operator'"
    )
    in_company = {"context": {"allowed_company_ids": [company]}}
    server.call(
        ADMIN,
        "fsm.team",
        "create",
        {"name": "Ekipa Obca", "company_id": company},
        **in_company,
    )
    estate = server.call(
        ADMIN,
        "fsm.location",
        "create",
        {
            "name": "Osiedle Obce",
            "location_level": "estate",
            "company_id": company,
            "owner_id": partner,
        },
        **in_company,
    )
    login, password = FOREIGN_OFFICE
    server.call(
        ADMIN,
        "res.users",
        "create",
        {
            "name": "Operator Obcy",
            "login": login,
            "password": password,
            "company_id": company,
            "company_ids": [(6, 0, [company])],
            "group_ids": [(6, 0, [operators])],
        },
    )
    return estate


def receive_until(connection, wanted, what, timeout=30):
    """The messages (type and payload) a websocket receives until one is
    ``wanted``; AssertionError if none came within ``timeout`` seconds."""
    import websocket

    received = []
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        connection.settimeout(left)
        try:
            notifications = json.loads(connection.recv())
        except websocket.WebSocketTimeoutException:
            break
        for notification in notifications:
            received.append(notification["message"])
            if wanted(notification["message"]):
                return received
    types = [message["type"] for message in received]
    raise AssertionError(f"{what} did not reach the websocket in {timeout} s: {types}")


def ticket_events(message):
    """(ticket id, kind) of each event of a live ticket message."""
    if message["type"] != TICKET_EVENTS:
        return []
    return [(event["id"], event["kind"]) for event in message["payload"]["events"]]


def check_queued_charge_run_job_is_run_by_the_job_runner(server, cluster):
    run_script(
        server.odoo,
        DBNAME,
        REPO / "tests" / "runner" / "server_job.py",
        log=LOG_DIR / "server-job.log",
    )
    ((run_id,),) = server.query(
        "SELECT id FROM msom_charge_run ORDER BY id DESC LIMIT 1"
    )
    deadline = time.monotonic() + JOB_DEADLINE
    while time.monotonic() < deadline:
        states = server.query(
            "SELECT state, count(*) FROM queue_job WHERE model_name = %s"
            " AND method_name = '_job_post_lines' GROUP BY state",
            ["msom.charge.run"],
        )
        ((run_state,),) = server.query(
            "SELECT state FROM msom_charge_run WHERE id = %s", [run_id]
        )
        if states and dict(states).keys() == {"done"} and run_state == "done":
            return
        time.sleep(2)
    raise AssertionError(f"jobs not done in {JOB_DEADLINE} s: {states}, {run_state}")


def check_crons_and_pages_work_after_postgresql_restarts(server, cluster):
    cluster.restart()
    restarted = server.query("SELECT now() AT TIME ZONE 'UTC'")[0][0]
    # The mail queue cron, due now; cron workers wake up at least each minute.
    cron = """
        SELECT res_id FROM ir_model_data
        WHERE module = 'mail' AND name = 'ir_cron_mail_scheduler_action'
    """
    ((cron_id,),) = server.query(cron)
    server.query(
        "UPDATE ir_cron SET nextcall = now() AT TIME ZONE 'UTC' WHERE id = %s",
        [cron_id],
    )
    deadline = time.monotonic() + CRON_DEADLINE
    while time.monotonic() < deadline:
        ((lastcall,),) = server.query(
            "SELECT lastcall FROM ir_cron WHERE id = %s", [cron_id]
        )
        if lastcall and lastcall >= restarted:
            break
        time.sleep(2)
    else:
        raise AssertionError(f"no cron ran within {CRON_DEADLINE} s of the restart")
    session = server.resident_session()
    assert session.get(f"{server.url}/my", timeout=60).status_code == 200


def check_resident_pages_read_from_a_streaming_replica(server, cluster):
    """Read-only pages on a hot standby, writes on the primary, and the
    resident's own write visible on the next page (synchronous standby)."""
    # remote_apply: a commit returns once the standby has applied it, so the
    # page after a write never reads the replica from before it.
    cluster.psql("ALTER SYSTEM SET synchronous_standby_names = '*'")
    cluster.psql("ALTER SYSTEM SET synchronous_commit = 'remote_apply'")
    cluster.psql("SELECT pg_reload_conf()")
    replica = cluster.standby(free_port())
    try:
        log = report_through_replica(server, replica)
    finally:
        # back to a lone primary: commits must not wait for a standby any more
        cluster.psql("ALTER SYSTEM RESET synchronous_standby_names")
        cluster.psql("ALTER SYSTEM RESET synchronous_commit")
        cluster.psql("SELECT pg_reload_conf()")
        replica.stop(mode="immediate")
    # Odoo's request log ends with the cursor mode: ro = read-only cursor,
    # which is the replica's when db_replica_host is set.
    for page in ("/my/units", "/my/tickets"):
        modes = re.findall(
            rf'"GET {re.escape(page)} HTTP[^"]*" 200 .* (\S+)$', log, re.M
        )
        assert modes and set(modes) == {"ro"}, f"{page} cursor modes: {modes}"
    assert "Failed to open a readonly cursor" not in log, "the replica was not used"
    assert re.search(r'"POST /my/tickets/submit HTTP[^"]*" 303 .* rw$', log, re.M)


def report_through_replica(server, replica):
    """The resident reports a ticket through a server reading from the
    replica, then sees it in their list; returns the server's log."""
    replica_options = [
        "--db_replica_host=127.0.0.1",
        f"--db_replica_port={replica.port}",
    ]
    with served(server.odoo, *replica_options, log_name="server-replica.log") as node:
        session = node.resident_session()
        units_page = session.get(f"{node.url}/my/units", timeout=60)
        unit_id = re.search(r'href="/my/units/(\d+)"', units_page.text).group(1)
        form = session.get(f"{node.url}/my/tickets/new", timeout=60)
        token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
        text = f"Cieknie kran {time.time()}"
        created = session.post(
            f"{node.url}/my/tickets/submit",
            data={"csrf_token": token, "location_id": unit_id, "description": text},
            timeout=60,
        )
        assert "created=1" in created.url, "the ticket was not created"
        ticket_id = int(re.search(r"/my/tickets/(\d+)", created.url).group(1))
        # written on the primary
        ((number,),) = server.query(
            "SELECT name FROM fsm_order WHERE id = %s AND description LIKE %s",
            [ticket_id, f"%{text}%"],
        )
        # and the very next page, read on the replica, shows it
        tickets = session.get(f"{node.url}/my/tickets", timeout=60)
        assert number in tickets.text, "the new ticket is missing from the replica"
    return node.log_path.read_text("utf-8")


CHECKS = [
    check_resident_logs_in_and_opens_pages,
    check_office_message_reaches_the_residents_websocket,
    check_queued_charge_run_job_is_run_by_the_job_runner,
    check_ticket_stage_change_reaches_the_operators_of_its_company_only,
    check_resident_pages_read_from_a_streaming_replica,
    check_crons_and_pages_work_after_postgresql_restarts,
]
