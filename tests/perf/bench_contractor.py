"""Contractor pages and completion protocol speed.

Usage: ./msom bench contractor [-- --jobs 5000 --others 20000 --units 2000]

Builds a cooperative with the registry generator, a contractor company with
a worker who has a portal login, and bulk-inserts --jobs open jobs forwarded
to that company plus --others tickets of other companies. Measures, as the
worker (record rules on), server-side with caches cleared:

- the job list: the tab counters, the building filter, the first page of the
  "new" and "all" tabs (SLA order) and the rendering of its rows;
- a search in the list;
- the completion protocol PDF with 6 photos (reportlab), and the whole
  protocol creation (PDF, attachment, message to the reporter).
"""

import argparse
import io
import time

from PIL import Image

from odoo.tools import SQL

from tests.perf.common import cooperative_spec, insert_tickets, measure

MODULES = ["msom_contractor"]


def bulk_insert(env, count, units, category, contractor, state):
    """`count` jobs of `contractor` in `state`, forwarded, over the last 30
    days."""
    stage = env["fsm.stage"].search([("ticket_state", "=", state)], limit=1)
    insert_tickets(
        env,
        units,
        count,
        f"B{contractor}-",
        30,
        {
            "stage_id": stage.id,
            "ticket_state": state,
            "category_id": category.id,
            "contractor_id": contractor,
            "forwarded_date": SQL("rd + interval '2 hours'"),
            "work_kind": "ticket",
            "description": SQL("'<p>Usterka numer ' || g || '</p>'"),
        },
    )


def photo(seed):
    image = Image.new("RGB", (2400, 1800), (40 * seed % 255, 90, 160))
    for x in range(0, 2400, 60):  # some detail, so JPEG is not trivially small
        image.paste((x % 255, 200 - seed * 10, 30), (x, 0, x + 20, 1800))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def run(env, args):
    parser = argparse.ArgumentParser(prog="bench contractor")
    parser.add_argument("--jobs", type=int, default=5000)
    parser.add_argument("--others", type=int, default=20000)
    parser.add_argument("--units", type=int, default=2000)
    options = parser.parse_args(args)
    started = time.perf_counter()
    units = env["msom.registry.generator"].generate(
        cooperative_spec(options.units, "Os. Benchmark Wykonawców", "ul. Wykonawcza"),
        seed=7,
    )
    Partner = env["res.partner"]
    company = Partner.create(
        {"name": "Bench-Hydro Sp. z o.o.", "is_company": True, "is_contractor": True}
    )
    rival = Partner.create(
        {"name": "Bench-Elektro", "is_company": True, "is_contractor": True}
    )
    category = env["fsm.category"].create(
        {"name": "bench hydraulika", "contractor_id": company.id}
    )
    person = env["fsm.person"].create({"name": "Bench Worker", "parent_id": company.id})
    user = env["res.users"].create(
        {
            "name": "Bench Worker",
            "login": "bench_contractor_worker",
            "partner_id": person.partner_id.id,
            "group_ids": [(6, 0, [env.ref("msom_estate.group_msom_contractor").id])],
        }
    )
    bulk_insert(env, options.jobs, units, category, company.id, "forwarded")
    bulk_insert(env, options.others, units, category, rival.id, "in_progress")
    env.cr.execute("ANALYZE fsm_order")
    env.invalidate_all()
    print(
        f"data: {len(units)} units, {options.jobs} open jobs of the company, "
        f"{options.others} other tickets, built in "
        f"{time.perf_counter() - started:.1f} s"
    )
    Order = env["fsm.order"].with_user(user)
    QWeb = env["ir.qweb"].with_user(user)

    def page(tab, search=""):
        Order._msom_job_count(tab, 0, search)
        data = Order._msom_job_list(tab, 0, search, limit=20)
        QWeb._render("msom_contractor.portal_job_rows", data)
        return data

    first = page("new")
    counts = first["counts"]
    print(
        f"job list: new badge {counts['new']}, all {counts['all']}, "
        f"{len(first['buildings'])} buildings, page of {len(first['rows'])}"
    )
    # a ticket column the insert misses would measure an empty list
    assert counts["all"] >= options.jobs, "the company's jobs are not listed"
    for label, function in (
        ("job list 'new' (counters, filter, page, rows)", lambda: page("new")),
        ("job list 'all' by case group", lambda: page("all")),
        ("job list search 'Wykonawcza 7'", lambda: page("all", "Wykonawcza 7")),
    ):
        print(f"{label:<48} {measure(env, function):>8.1f} ms (median of 5)")

    # Protocol with 6 photos.
    job = env["fsm.order"].create(
        {"location_id": units[0].id, "category_id": category.id,
         "description": "<p>Cieknie pion</p>"}
    )  # fmt: skip
    job.write({"stage_id": env["fsm.order"]._stage_for_state("forwarded").id})
    mine = job.with_user(user)
    mine._msom_job_accept()
    mine._msom_job_start()
    raw = [(f"zdjecie_{i}.jpg", photo(i)) for i in range(6)]
    started = time.perf_counter()
    mine._msom_add_photos(raw)
    upload_ms = (time.perf_counter() - started) * 1000
    sizes = ", ".join(f"{len(a.raw) // 1024} KB" for a in job.work_photo_ids)
    raw_kb = sum(len(r) for _n, r in raw) // 1024
    print(
        f"6 photos 2400x1800 ({raw_kb} KB) checked, rotated, resized to 1600 px: "
        f"{upload_ms:.0f} ms -> {sizes}"
    )
    from odoo.addons.msom_contractor.tests.common import make_signature

    Protocol = env["msom.completion.protocol"].with_user(user)
    started = time.perf_counter()
    protocol = Protocol._msom_create_for_job(
        mine,
        {
            "work_description": "Wymieniono odcinek pionu, próba szczelności OK.",
            "resident_name": "Zofia Wiśniewska",
            "signature": make_signature(),
            "materials": [{"name": "Rura PP 32", "quantity": "2", "uom": "m"}],
        },
    ).sudo()
    create_ms = (time.perf_counter() - started) * 1000
    content_hash = protocol.content_hash
    pdf_ms = measure(env, lambda: protocol._msom_render_pdf(content_hash))
    size = len(protocol.pdf_attachment_id.raw)
    print(
        f"protocol PDF, 6 photos + signature + QR: {pdf_ms:.0f} ms (median of 5), "
        f"{size // 1024} KB"
    )
    print(f"protocol creation (PDF, attachment, message): {create_ms:.0f} ms")
