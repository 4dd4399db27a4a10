"""`./msom faults`: the faults of a real office, on a real server.

On a demo database with a generated estate of a few hundred units, an Odoo
server of its own on a loopback port is:

1. killed with SIGKILL while the job runner posts a charge run's batches,
   then started again the way odoo.conf ships it (no job runner): the
   charge-run cron's first run completes it, one document per unit and payer;
2. sent the same bank statement file twice, an overlapping one, and one file
   twice at the same moment: every bank line is booked once;
3. sent each portal form twice at the same moment (a double click): one
   record each.

Each check counts as one test in `./msom test`'s closing line. Python's
standard library only, plus psycopg2 through postgres.py.
"""

import base64
import http.cookiejar
import json
import os
import re
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import date

from .databases import drop_database, install_modules, log_path, relative, run_script
from .demo_server import guarded_command
from .environment import REPO, SetupError, say
from .odoo_log import Problem
from .odoo_run import LOG_DIR, free_port

FAULTS_DIR = REPO / "tests" / "faults"
MODULES = ["msom_portal"]  # and every msom module it depends on
UNITS = 600  # more than the charge run posts at once, so it makes jobs
PORT_VARIABLE = "MSOM_FAULTS_PORT"  # a fixed port instead of a free one
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="msom_submission" value="([^"]+)"')


@dataclass
class Results:
    passed: int = 0
    problems: list = field(default_factory=list)

    def check(self, name, ok, details=""):
        note = f" ({details})" if details else ""
        say(f"  {name}: {'passed' if ok else 'FAILED'}{note}")
        if ok:
            self.passed += 1
        else:
            self.problems.append(Problem(f"faults: {name}", details))


class Server:
    """An Odoo server of the fault suite, killable at any moment."""

    def __init__(self, odoo, dbname, port, log, job_runner=False):
        self.odoo, self.dbname, self.port, self.log = odoo, dbname, port, log
        self.job_runner = job_runner
        self.process = None

    def command(self, *options):
        return self.odoo.command(
            f"--database={self.dbname}",
            f"--db-filter=^{re.escape(self.dbname)}$",
            "--http-interface=127.0.0.1",
            f"--http-port={self.port}",
            "--workers=0",
            "--max-cron-threads=1",
            *options,
        )

    def start(self, command=None):
        env = dict(os.environ)
        options = []
        if self.job_runner:
            options.append("--load=base,web,queue_job")
            env["ODOO_QUEUE_JOB_CHANNELS"] = "root:2"
        with open(self.log, "a", encoding="utf-8") as log:
            self.process = subprocess.Popen(
                command or self.command(*options),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env=env,
            )
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped; see {self.log}")
            try:
                with urllib.request.urlopen(self.url("/web/health"), timeout=5):
                    return
            except urllib.error.HTTPError:
                return  # it answers, if only to say it cannot serve
            except OSError:
                time.sleep(1)
        raise RuntimeError(f"the server did not answer in 5 minutes; see {self.log}")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()


class Client:
    """A browser session: cookies, CSRF tokens, forms and JSON-RPC."""

    def __init__(self, server):
        self.server = server
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path):
        with self.opener.open(self.server.url(path), timeout=120) as response:
            return response.read().decode()

    def post(self, path, data):
        body = urllib.parse.urlencode(data).encode()
        try:
            with self.opener.open(self.server.url(path), body, timeout=120) as response:
                return response.status, response.url, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, path, error.read().decode(errors="replace")

    def jsonrpc(self, path, params):
        request = urllib.request.Request(
            self.server.url(path),
            json.dumps({"jsonrpc": "2.0", "id": 1, "params": params}).encode(),
            {"Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=300) as response:
            return json.loads(response.read())

    def call(self, model, method, *args, **kwargs):
        """call_kw; returns (result, error message)."""
        answer = self.jsonrpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )
        error = answer.get("error")
        return answer.get("result"), error and error["data"]["message"]

    def login(self, login, password):
        page = self.get("/web/login")
        self.post(
            "/web/login",
            {"login": login, "password": password, "redirect": "/my",
             "csrf_token": CSRF.search(page).group(1)},
        )  # fmt: skip

    def form(self, path):
        """The CSRF and submission tokens of the form on a page."""
        page = self.get(path)
        return {
            "csrf_token": CSRF.search(page).group(1),
            "msom_submission": FORM_TOKEN.search(page).group(1),
        }


def at_once(*calls):
    """Run the calls in threads released together; their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def worker(index, call):
        barrier.wait()
        results[index] = call()

    threads = [
        threading.Thread(target=worker, args=(index, call))
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def run_fault_suite(odoo, keep_db=False):
    """Returns (passed, problems) like the other steps of `./msom test`."""
    dbname = f"faults_{os.getpid()}"
    port = int(os.environ.get(PORT_VARIABLE) or free_port())
    log = log_path("faults")
    results = Results()
    say(f"\nFault suite in {dbname} on port {port} (log: {relative(log)})…")
    started = time.monotonic()
    server = None
    try:
        check_unavailable_page(odoo, dbname, port, log, results)
        install_modules(
            odoo, dbname, MODULES, log_path("faults-install"),
            f"--init={','.join(MODULES)}", "--with-demo",
        )  # fmt: skip
        data_file = LOG_DIR / f"{dbname}.json"
        run_script(
            odoo, dbname, FAULTS_DIR / "setup_data.py", str(data_file), str(UNITS)
        )
        data = json.loads(data_file.read_text("utf-8"))
        data_file.unlink()
        server = Server(odoo, dbname, port, log, job_runner=True)
        server.start()
        run_script(odoo, dbname, FAULTS_DIR / "post_run.py", str(data["run"]))
        killed = kill_during_jobs(odoo, dbname, server)
        results.check("killed while the job runner posted batches", *killed)
        # queue_job counts tries (1 for a job done at once); the jobs the kill
        # interrupted are tried again when found dead: no collision either
        data["interrupted"] = [
            uuid
            for (uuid,) in odoo.postgres.query(
                "SELECT uuid FROM queue_job WHERE model_name = 'msom.charge.run'"
                " AND state IN ('started', 'enqueued')",
                dbname=dbname,
            )
        ]
        server = Server(odoo, dbname, port, log)
        server.start()
        check_charge_run(odoo, dbname, data, results)
        admin = Client(server)
        admin.jsonrpc(
            "/web/session/authenticate",
            {"db": dbname, "login": "admin", "password": "admin"},
        )
        check_statement_imports(odoo, dbname, admin, data, results)
        resident = Client(server)
        resident.login("mieszkaniec", "mieszkaniec")
        check_portal_forms(odoo, dbname, resident, data, results)
    except (
        SetupError,
        RuntimeError,
        OSError,
        KeyError,
        AttributeError,
        ValueError,
    ) as error:
        results.check("fault suite", False, f"{type(error).__name__}: {error}")
    finally:
        if server:
            server.stop()
        if keep_db:
            say(f"Kept the database {dbname}")
        else:
            drop_database(odoo, dbname)
    say(f"Fault suite: {time.monotonic() - started:.0f}s")
    return results.passed, results.problems


def check_unavailable_page(odoo, dbname, port, log, results):
    """The demo's single-process server without its database answers 503."""
    server = Server(odoo, dbname, port, log)
    # a port nothing listens on stands for PostgreSQL being down (and no
    # --database, which Odoo would try to create)
    command = odoo.command(
        f"--db-filter=^{re.escape(dbname)}$",
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        "--workers=0",
        "--db_host=127.0.0.1",
        "--db_port=1",
    )
    server.start(guarded_command(command))
    try:
        try:
            with urllib.request.urlopen(server.url("/my"), timeout=60) as response:
                status, page = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, page = error.code, error.read().decode()
    finally:
        server.stop()
    results.check(
        "database down: 503 'temporarily unavailable' page",
        status == 503 and "chwilowo niedostępny" in page,
        f"HTTP {status}",
    )


def job_states(odoo, dbname):
    rows = odoo.postgres.query(
        "SELECT state, count(*) FROM queue_job WHERE model_name = 'msom.charge.run'"
        " GROUP BY state",
        dbname=dbname,
    )
    return dict(rows)


def kill_during_jobs(odoo, dbname, server):
    """SIGKILL the server once a batch is done and others are not."""
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        states = job_states(odoo, dbname)
        total = sum(states.values())
        if states.get("done", 0) >= 1 and states.get("done") < total:
            server.kill()
            return True, f"jobs when killed: {states}"
        if total and states.get("done") == total:
            server.kill()
            return False, "every job ended before the kill"
        time.sleep(0.2)
    server.kill()
    return False, f"no batch was done in 10 minutes: {job_states(odoo, dbname)}"


def check_charge_run(odoo, dbname, data, results):
    """After the kill the charge-run cron's first run finishes the run."""
    query = odoo.postgres.query
    # the runner handed out its last job; the cron comes round (10 minutes)
    (quiet,) = query(
        "SELECT extract(epoch FROM now() AT TIME ZONE 'UTC' - max(date_enqueued))"
        " FROM queue_job",
        dbname=dbname,
    )[0]
    time.sleep(max(0.0, 31 - float(quiet or 0)))
    query(
        "UPDATE ir_cron SET nextcall = now() AT TIME ZONE 'UTC' - interval '1 second'"
        " WHERE id = (SELECT res_id FROM ir_model_data WHERE module = 'msom_billing'"
        " AND name = 'ir_cron_msom_charge_run')",
        dbname=dbname,
    )
    query(f"NOTIFY cron_trigger, '{dbname}'", dbname=dbname)
    started = time.monotonic()
    state = None
    while time.monotonic() - started < 300:
        ((state,),) = query(
            "SELECT state FROM msom_charge_run WHERE id = %s", [data["run"]], dbname
        )
        if state == "done":
            break
        time.sleep(1)
    results.check(
        "the cron finished the run without the job runner",
        state == "done",
        f"state {state} after {time.monotonic() - started:.0f}s",
    )
    ((documents, units, doubles, planned),) = query(
        """
        SELECT count(*), count(DISTINCT unit_id),
               count(*) - count(DISTINCT (unit_id, partner_id)),
               (SELECT count(*) FROM msom_charge_run_line
                 WHERE run_id = %(run)s AND state = 'planned')
          FROM account_move
         WHERE msom_charge_period = %(period)s AND state = 'posted'
           AND unit_id IN (SELECT id FROM fsm_location WHERE estate_id = %(estate)s)
        """,
        {"run": data["run"], "period": data["period"], "estate": data["estate"]},
        dbname,
    )
    retried = count(
        odoo, dbname,
        "SELECT count(*) FROM queue_job WHERE model_name = 'msom.charge.run'"
        " AND (retry > 1 OR exc_info LIKE %s) AND NOT uuid = ANY(%s)",
        "%UniqueViolation%", data["interrupted"],
    )  # fmt: skip
    results.check(
        "parallel batches never collided on the journal's numbering",
        not retried,
        f"{retried} jobs retried",
    )
    results.check(
        "one document per unit and payer after the kill",
        documents == data["planned"] and not doubles and not planned,
        f"{documents} documents for {data['planned']} planned lines, "
        f"{units} units, {doubles} doubles, {planned} lines not posted",
    )


def statement(rows):
    lines = ["data;kwota;waluta;rachunek;nadawca;tytuł"]
    lines += [
        f"{day};{amount};PLN;{account};Mieszkaniec;opłaty"
        for day, amount, account in rows
    ]
    return "\n".join(lines).encode()


def import_statement(client, data, content, name):
    """OCA's statement import wizard, opened from the journal's dashboard."""
    context = {"journal_id": data["journal"]}
    wizard, error = client.call(
        "account.statement.import",
        "create",
        {"statement_filename": name,
         "statement_file": base64.b64encode(content).decode()},
        context=context,
    )  # fmt: skip
    if error:
        return None, error
    return client.call(
        "account.statement.import", "import_file_button", [wizard], context=context
    )


def check_statement_imports(odoo, dbname, admin, data, results):
    today = date.today()
    accounts = data["accounts"]
    first_half = [
        (today.replace(day=1 + index % 15).isoformat(), f"{100 + index},00", account)
        for index, account in enumerate(accounts[:30])
    ]
    whole_month = first_half + [
        (today.replace(day=16 + index % 12).isoformat(), f"{200 + index},50", account)
        for index, account in enumerate(accounts[30:40])
    ]
    _result, error = import_statement(admin, data, statement(first_half), "1-15.csv")
    results.check("statement import", not error, error or "")
    _result, error = import_statement(admin, data, statement(first_half), "1-15.csv")
    results.check(
        "the same statement file again is refused",
        bool(error) and "already imported" in error,
        error or "imported a second time",
    )
    result, error = import_statement(admin, data, statement(whole_month), "1-30.csv")
    summary = (result or {}).get("params", {}).get("message", error or "")
    results.check(
        "an overlapping statement books only its new lines",
        not error
        and summary.startswith("Lines imported: 10;")
        and summary.endswith("skipped: 30."),
        summary,
    )
    late = [(today.isoformat(), f"{300 + i},00", a) for i, a in enumerate(accounts[:5])]
    both = at_once(
        lambda: import_statement(admin, data, statement(late), "dzis.csv"),
        lambda: import_statement(admin, data, statement(late), "dzis.csv"),
    )
    refused = [error for _result, error in both if error]
    results.check(
        "one statement file imported twice at once is booked once",
        len(refused) == 1,
        "; ".join(str(error) for _result, error in both),
    )
    ((lines, distinct, unbooked),) = odoo.postgres.query(
        """
        SELECT count(*), count(DISTINCT unique_import_id),
               count(*) FILTER (WHERE move_id IS NULL)
          FROM account_bank_statement_line WHERE journal_id = %s
           AND unique_import_id IS NOT NULL
        """,
        [data["journal"]],
        dbname,
    )
    expected = len(whole_month) + len(late)
    results.check(
        "every bank line booked once",
        lines == distinct == expected and not unbooked,
        f"{lines} lines, {distinct} distinct, {expected} in the files",
    )


def count(odoo, dbname, sql, *params):
    return odoo.postgres.query(sql, params, dbname)[0][0]


def post_at_once(client, path, forms):
    return at_once(*[lambda form=form: client.post(path, form) for form in forms])


def tickets_with(odoo, dbname, text):
    return count(
        odoo, dbname, "SELECT count(*) FROM fsm_order WHERE description::text LIKE %s",
        f"%{text}%",
    )  # fmt: skip


def check_portal_forms(odoo, dbname, resident, data, results):
    marker = f"Awaria {time.time_ns()}"
    # the ticket form double-clicked: one token, two requests at once
    form = dict(
        resident.form("/my/tickets/new"),
        location_id=str(data["unit"]),
        description=f"{marker}: cieknie kaloryfer.",
    )
    answers = post_at_once(resident, "/my/tickets/submit", [form, form])
    tickets = tickets_with(odoo, dbname, marker)
    results.check(
        "ticket form sent twice at once: one ticket, the same page",
        tickets == 1 and answers[0][1] == answers[1][1] and answers[0][0] == 200,
        f"{tickets} tickets; {[answer[:2] for answer in answers]}",
    )
    # the same report from two tabs (two tokens) at once folds into one
    forms = [
        dict(resident.form("/my/tickets/new"), location_id=str(data["unit"]),
             description=f"{marker}: winda stoi.")
        for _tab in range(2)
    ]  # fmt: skip
    post_at_once(resident, "/my/tickets/submit", forms)
    tickets = tickets_with(odoo, dbname, f"{marker}: winda")
    results.check(
        "one report from two tabs at once: one ticket", tickets == 1, f"{tickets}"
    )
    # a meter reading from two tabs at once
    path = f"/my/meters/{data['meter']}"
    value = f"{data['last_reading'] + 1.5:.3f}"
    forms = [
        dict(resident.form(path), value=value, date=date.today().isoformat())
        for _tab in range(2)
    ]
    post_at_once(resident, f"{path}/reading", forms)
    readings = count(
        odoo, dbname,
        "SELECT count(*) FROM msom_meter_reading WHERE meter_id = %s AND value = %s",
        data["meter"], float(value),
    )  # fmt: skip
    results.check(
        "a reading sent twice at once: one reading", readings == 1, f"{readings}"
    )
    # a chat message double-clicked
    params = {"body": f"{marker}: proszę o kontakt", "token": f"faults{time.time_ns()}"}
    answers = at_once(*[lambda: resident.jsonrpc("/my/chat/post", params)] * 2)
    messages = count(
        odoo, dbname, "SELECT count(*) FROM mail_message WHERE body::text LIKE %s",
        f"%{marker}: proszę%",
    )  # fmt: skip
    results.check(
        "a chat message sent twice at once: one message",
        messages == 1 and answers[0].get("result") == answers[1].get("result"),
        f"{messages} messages",
    )
    # the personal data change request double-clicked
    form = dict(resident.form("/my/personal"), phone="+48 600 100 200", note=marker)
    post_at_once(resident, "/my/personal", [form, form])
    requests = count(
        odoo, dbname,
        "SELECT count(*) FROM msom_partner_change_request WHERE note::text LIKE %s",
        f"%{marker}%",
    )  # fmt: skip
    results.check(
        "a change request sent twice at once: one request", requests == 1, f"{requests}"
    )
    # a vote double-clicked (one token), then cast again from a second tab
    ballots_sql = "SELECT count(*) FROM msom_vote_ballot WHERE survey_id = %s"
    path = f"/my/votes/{data['vote']}"
    forms = [
        dict(resident.form(path), voter_id=str(data["voter"]),
             answer_id=str(data["vote_answer"]))
        for _tab in range(2)
    ]  # fmt: skip
    post_at_once(resident, f"{path}/cast", [forms[0], forms[0]])
    double_click = count(odoo, dbname, ballots_sql, data["vote"])
    resident.post(f"{path}/cast", forms[1])
    ballots = count(odoo, dbname, ballots_sql, data["vote"])
    results.check(
        "a vote cast twice at once, then from a second tab: one ballot",
        double_click == 1 and ballots == 1,
        f"{double_click} after the double click, {ballots} after the second tab",
    )
    # an instalment plan requested from two tabs at once
    forms = [
        dict(resident.form("/my/consents"), note=f"{marker}: proszę o raty", count="6")
        for _tab in range(2)
    ]
    post_at_once(resident, "/my/consents/instalments/request", forms)
    requests = count(
        odoo, dbname,
        """SELECT count(*) FROM mail_activity
            WHERE res_model = 'res.partner' AND note::text LIKE %s""",
        f"%{marker}: proszę o raty%",
    )  # fmt: skip
    results.check(
        "an instalment plan requested from two tabs at once: one request",
        requests == 1,
        f"{requests} requests",
    )
