"""The single-process server of `./msom demo`, with two guards.

    python3 -m tests.runner.demo_server <odoo options>

Odoo in one process (workers = 0) runs its scheduled jobs in cron threads
that die when PostgreSQL restarts under them (`cron_thread` has no retry
around its connection), and while the database is down it logs visitors
out and answers "404 Not Found". This launcher starts Odoo as
`python3 -m odoo` would, plus:

- a watchdog thread that starts a cron thread again when one has died and
  PostgreSQL answers, and warns when scheduled jobs are overdue;
- a WSGI guard that answers "temporarily unavailable" (503, Retry-After)
  while PostgreSQL does not answer, without touching the session.

Production runs with workers (`./msom serve`), whose master respawns dead
cron workers; the guard can wrap that server the same way.
"""

# Imported by ./msom before the requirements are checked: Odoo and psycopg2
# are imported where used.
import logging
import sys
import threading
import time

WATCH_INTERVAL = 30  # seconds between the watchdog's checks
OVERDUE_MINUTES = 15  # a scheduled job this late is worth a warning
PROBE_TTL = 2.0  # seconds a database probe is trusted
CRON_THREAD = "odoo.service.cron.cron%d"
UNAVAILABLE_PAGE = b"""<!DOCTYPE html>
<html lang="pl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="15">
<title>Serwis chwilowo niedost\xc4\x99pny</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;
padding:0 1rem;color:#222}h1{font-size:1.4rem}</style></head>
<body><h1>Serwis chwilowo niedost\xc4\x99pny</h1>
<p>Trwa kr\xc3\xb3tka przerwa techniczna. Spr\xc3\xb3buj ponownie za chwil\xc4\x99:
strona od\xc5\x9bwie\xc5\xbcy si\xc4\x99 sama.</p>
<p lang="en">The service is temporarily unavailable. Please try again in a
moment.</p></body></html>
"""

_logger = logging.getLogger("msom.demo_server")


def database_answers():
    """Whether PostgreSQL accepts a new connection now."""
    import psycopg2

    from odoo import sql_db

    _name, info = sql_db.connection_info_for("postgres")
    try:
        psycopg2.connect(connect_timeout=2, **info).close()
    except psycopg2.OperationalError:
        return False
    return True


class UnavailableGuard:
    """WSGI wrapper: a 503 page instead of Odoo's while the database is down.

    Delegates every attribute to Odoo's application, which the rest of
    odoo.http reaches through the module's `root`.
    """

    def __init__(self, app, probe=database_answers):
        self._app = app
        self._probe = probe
        self._checked = (0.0, True)
        self._lock = threading.Lock()

    def __getattr__(self, name):
        return getattr(self._app, name)

    def _database_up(self):
        with self._lock:
            when, answer = self._checked
            if time.monotonic() - when > PROBE_TTL:
                answer = self._probe()
                self._checked = (time.monotonic(), answer)
            return answer

    def __call__(self, environ, start_response):
        static = "/static/" in environ.get("PATH_INFO", "")
        if static or self._database_up():
            return self._app(environ, start_response)
        start_response(
            "503 Service Unavailable",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Retry-After", "15"),
                ("Cache-Control", "no-store"),
                ("Content-Length", str(len(UNAVAILABLE_PAGE))),
            ],
        )
        return [UNAVAILABLE_PAGE]


def overdue_jobs(dbname):
    """Names of the active scheduled jobs of dbname late by OVERDUE_MINUTES."""
    from odoo import sql_db

    with sql_db.db_connect(dbname).cursor() as cr:
        cr.execute(
            """
            SELECT cron_name FROM ir_cron
             WHERE active AND nextcall < (now() AT TIME ZONE 'UTC')
                   - make_interval(mins => %s)
            """,
            [OVERDUE_MINUTES],
        )
        return [name for (name,) in cr.fetchall()]


def watch_crons(server, stop):
    """Start dead cron threads again once PostgreSQL answers; warn about
    overdue jobs."""
    import psycopg2

    from odoo.tools import config

    warned = set()
    while not stop.wait(WATCH_INTERVAL):
        alive = {thread.name for thread in threading.enumerate()}
        dead = [
            number
            for number in range(config["max_cron_threads"])
            if CRON_THREAD % number not in alive
        ]
        if dead and database_answers():
            for number in dead:
                _logger.warning(
                    "cron%d had stopped (database restarted?): started again", number
                )
                thread = threading.Thread(
                    target=server.cron_thread,
                    args=(number,),
                    name=CRON_THREAD % number,
                    daemon=True,
                )
                thread.type = "cron"
                thread.start()
        for dbname in config["db_name"] or []:
            try:
                late = overdue_jobs(dbname)
            except psycopg2.Error:
                continue
            if set(late) - warned:
                warned.update(late)
                _logger.warning(
                    "Scheduled jobs of %s are more than %d minutes late: %s",
                    dbname,
                    OVERDUE_MINUTES,
                    ", ".join(late),
                )


def guarded_command(odoo_command):
    """This launcher's command line for an `python3 -m odoo` command line."""
    python, _dash_m, _odoo, *options = odoo_command
    return [python, "-m", __name__, *options]


def main(options):
    import odoo.http
    from odoo.service import server as odoo_server

    odoo.http.root = UnavailableGuard(odoo.http.root)
    stop = threading.Event()
    start = odoo_server.ThreadedServer.start

    def start_and_watch(server, *args, **kwargs):
        result = start(server, *args, **kwargs)
        threading.Thread(
            target=watch_crons, args=(server, stop), name="msom.watchdog", daemon=True
        ).start()
        return result

    odoo_server.ThreadedServer.start = start_and_watch
    sys.argv = ["odoo", *options]
    from odoo.cli.command import main as odoo_main

    try:
        odoo_main()
    finally:
        stop.set()


if __name__ == "__main__":
    main(sys.argv[1:])
