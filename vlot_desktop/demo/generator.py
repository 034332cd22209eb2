"""The demo data generator: one seeded pass that writes every synced table.

The order matters twice: for foreign keys (the sink flushes parents first anyway) and for
reproducibility (every random draw happens in this fixed order). Locations come before cases
(cases point at occupied places), questions before meetings and the VLOT-flits (which link to
them).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from vlot_desktop import paths
from vlot_desktop.demo.activity import add_contact_moments, add_meetings, add_newsletters
from vlot_desktop.demo.cases import add_cases
from vlot_desktop.demo.context import Context, Staff
from vlot_desktop.demo.helpdesk import add_questions
from vlot_desktop.demo.housing import HousingGenerator, add_locations
from vlot_desktop.demo.people import add_municipal_contacts, add_partner_organisations, add_staff
from vlot_desktop.demo.prospects import add_prospects
from vlot_desktop.demo.sizes import SIZES
from vlot_desktop.demo.writer import RowSink, insertion_order
from vlot_desktop.domain.checklist import checklist_path, load_checklist

DEMO_USER_TEAM = "antwerpen"
PROSPECT_TEMPLATE = ("prospect", 1)


@dataclass(frozen=True)
class Generated:
    user: Staff
    counts: dict[str, int]


def generate(conn: sqlite3.Connection, *, size: str, seed: int, today: dt.date) -> Generated:
    """Write a complete demo data set through ``conn`` (the caller owns the transaction)."""
    spec = SIZES[size]
    template, version = PROSPECT_TEMPLATE
    checklist = load_checklist(checklist_path(paths.reference_data_dir(), template, version))
    sink = RowSink(conn)
    ctx = Context(conn, sink, seed, today, checklist)
    teams = [code for (code,) in conn.execute("SELECT code FROM team ORDER BY sort_order, code")]

    add_staff(ctx, teams)
    add_municipal_contacts(ctx)
    add_partner_organisations(ctx)
    housing = HousingGenerator(ctx)
    add_prospects(ctx, housing, spec.prospects)
    add_locations(ctx, housing, spec.locations, spec.places)
    add_cases(ctx, spec.cases)
    add_questions(ctx, spec.questions)
    add_contact_moments(ctx, spec.contact_moments)
    add_meetings(ctx)
    add_newsletters(ctx)
    sink.flush()

    user_team = DEMO_USER_TEAM if DEMO_USER_TEAM in ctx.staff_by_team else ctx.staff[-1].team
    # Counted in the database: the rules' write paths (services) write some rows themselves.
    counts = {
        table: int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
        for table in insertion_order()
    }
    return Generated(user=ctx.staff_by_team[user_team][0], counts=counts)
