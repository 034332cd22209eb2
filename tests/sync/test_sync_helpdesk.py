"""The helpdesk across laptops: a regional intake, the central dispatch, the sector's answer,
VLOT's answer and the publication travel to every laptop; the receiving team survives the
dispatch; the publication holds nothing of the asker; two laptops dispatching the same
question at once both keep their dispatch; the word index follows what the sync brings in; an
asker's erasure reaches the other laptops."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tests.sync.test_sync_laptops import Laptop, sync_all
from vlot_desktop import cli, paths
from vlot_desktop.db.engine import make_engine
from vlot_desktop.services import (
    knowledge_base,
    privacy,
    question_detail,
    question_list,
    question_search,
    questions,
)
from vlot_desktop.services.knowledge_base import ArticleFilter
from vlot_desktop.services.question_list import QuestionFilter
from vlot_desktop.services.questions import DispatchTarget, NewQuestion
from vlot_desktop.settings import load_settings

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)
STAMP = "2026-01-05 09:00:00.000000"
ASKER = "0196a000-0000-7000-8000-0000000000c3"
COORDINATOR = "0196a000-0000-7000-8000-0000000000c1"
WELFARE = "0196a000-0000-7000-8000-0000000000c2"
HASSELT = "71072"


class Site(Laptop):
    """A laptop of a given team, with an engine for the services."""

    def __init__(self, root: Path, name: str, share: Path, region: str, *, create: bool = False):
        self.dir = root / name
        argv = ["--data-dir", str(self.dir), "init", "--user", name, "--region", region]
        argv += ["--share", str(share)] + (["--create-share"] if create else [])
        assert cli.main(argv) == 0
        self.db = paths.database_path(self.dir)
        self.engine: Engine = make_engine(self.db)
        user = load_settings(self.dir).user_id
        assert user
        self.user = user

    def read(self, query: Any, *args: Any, **kwargs: Any) -> Any:
        with self.engine.connect() as conn:
            return query(conn, *args, **kwargs)


@pytest.fixture
def sites(tmp_path: Path) -> Iterator[tuple[Site, Site, Site]]:
    share = tmp_path / "share"
    share.mkdir()
    regional = Site(tmp_path, "an", share, "limburg", create=True)
    central = Site(tmp_path, "bart", share, "centraal")
    other = Site(tmp_path, "chris", share, "antwerpen")
    yield regional, central, other
    for site in (regional, central, other):
        site.engine.dispose()


def add_people(site: Site) -> None:
    for sql, args in (
        (
            "INSERT INTO contact_person (id, first_name, last_name, role, municipality_nis, "
            "email, phone, active, created_at, updated_at) VALUES (?, 'Jan', 'Claes', "
            "'gemeentelijke_coordinator', ?, 'jan.claes@hasselt.be', '011 23 45 67', 1, ?, ?)",
            (ASKER, HASSELT, STAMP, STAMP),
        ),
        (
            "INSERT INTO contact_person (id, first_name, last_name, role, email, active, "
            "created_at, updated_at) VALUES (?, 'Els', 'Wouters', 'sectorcoordinator', "
            "'els.wouters@ond.vlaanderen.be', 1, ?, ?)",
            (COORDINATOR, STAMP, STAMP),
        ),
        (
            "INSERT INTO contact_person (id, first_name, last_name, role, email, active, "
            "created_at, updated_at) VALUES (?, 'Pieter', 'Maes', 'sectorcoordinator', "
            "'pieter.maes@vlaanderen.be', 1, ?, ?)",
            (WELFARE, STAMP, STAMP),
        ),
    ):
        site.sql(sql, *args)
    questions.set_domain_coordinator(site.engine, "onderwijs", COORDINATOR)
    questions.set_domain_coordinator(site.engine, "welzijn-zorg", WELFARE)


def take_in(site: Site, text: str, **extra: Any) -> str:
    result = questions.create_question(
        site.engine,
        NewQuestion(
            question_text=text,
            received_on=TODAY - 5 * DAY,
            received_team_code="limburg",
            channel="telefoon",
            municipality_nis=HASSELT,
            theme_code="onderwijs-inschrijving-school",
            **extra,
        ),
        author_id=site.user,
        today=TODAY,
    )
    assert result.question_id is not None, result.problems
    return result.question_id


def test_a_dispatch_cycle_across_three_laptops(sites: tuple[Site, Site, Site]) -> None:
    regional, central, other = sites
    add_people(regional)
    # Regional intake (Limburg), with the asker's details.
    qid = take_in(
        regional,
        "Kan een Oekraïens kind midden in het schooljaar instappen? Het gezin woont in Hasselt.",
        asker_contact_id=ASKER,
    )
    sync_all(regional, central, other)
    # Central dispatch.
    (dispatch,) = questions.dispatch_question(
        central.engine,
        qid,
        [DispatchTarget("onderwijs")],
        sent_on=TODAY - 4 * DAY,
        author_id=central.user,
        today=TODAY,
    ).dispatch_ids
    sync_all(central, regional, other)
    on_regional = regional.read(question_detail.detail, qid, TODAY)
    assert on_regional.status == "doorverwezen"
    assert on_regional.received_team_code == "limburg"
    assert on_regional.handling_team_code == "centraal"
    assert [d.coordinator_name for d in on_regional.dispatches] == ["Els Wouters"]
    # The sector answers (recorded centrally), VLOT answers and publishes.
    assert (
        questions.record_sector_answer(
            central.engine,
            dispatch,
            answer_text="Ja, op elk moment; het CLB begeleidt het gezin.",
            answered_on=TODAY - DAY,
            today=TODAY,
        )
        == []
    )
    assert (
        questions.answer_question(
            central.engine,
            qid,
            answer_text="Ja, een kind kan op elk moment instappen; het CLB begeleidt.",
            answered_on=TODAY,
            author_id=central.user,
            today=TODAY,
        )
        == []
    )
    draft = central.read(knowledge_base.publication_draft, qid, TODAY)
    assert draft.findings == ()
    published = knowledge_base.publish_question(
        central.engine, qid, draft.proposed, author_id=central.user
    )
    assert published.saved and published.article_id
    sync_all(central, regional, other)

    # Visible on the third laptop, as on the others.
    assert regional.dump() == central.dump() == other.dump()
    seen = other.read(question_detail.detail, qid, TODAY)
    assert seen.status == "beantwoord" and seen.received_team_code == "limburg"
    assert seen.dispatches[0].status == "beantwoord" and seen.dispatches[0].answered_on
    assert [a.id for a in seen.published_articles] == [published.article_id]
    articles = other.read(knowledge_base.list_articles, ArticleFilter(today=TODAY))
    assert [r.id for r in articles.rows] == [published.article_id]
    # The word indexes followed what the sync brought in.
    found = other.read(
        question_search.suggestions, "schooljaar instappen oekraiens kind", today=TODAY
    )
    assert [q.id for q in found.questions] == [qid]
    assert [a.id for a in found.articles] == [published.article_id]
    listed = other.read(
        question_list.first_page,
        QuestionFilter(search="kind oekraiens", received_team_code="limburg", today=TODAY),
        "received",
        True,
        50,
    )
    assert [r.id for r in listed.rows] == [qid]
    # Nothing of the asker in the publication, on any laptop.
    public = other.read(knowledge_base.public_article, published.article_id)
    row = other.sql("SELECT * FROM kb_article WHERE id = ?", published.article_id)
    shown = json.dumps(dataclasses.asdict(public), default=str) + repr(row)
    for private in ("Jan", "Claes", "hasselt.be", "011 23", "Hasselt", draft.reference):
        assert private not in shown
    assert other.conflicts() == []


def test_two_laptops_dispatching_at_once_keep_both_dispatches(
    sites: tuple[Site, Site, Site],
) -> None:
    regional, central, other = sites
    add_people(regional)
    qid = take_in(regional, "Wie betaalt de medische kosten van een schoolkind?")
    sync_all(regional, central, other)
    # Both central laptops dispatch before either syncs.
    first = questions.dispatch_question(
        central.engine,
        qid,
        [DispatchTarget("onderwijs")],
        sent_on=TODAY,
        author_id=central.user,
        today=TODAY,
    ).dispatch_ids
    second = questions.dispatch_question(
        other.engine,
        qid,
        [DispatchTarget("welzijn-zorg")],
        sent_on=TODAY,
        author_id=other.user,
        handling_team="centraal",
        today=TODAY,
    ).dispatch_ids
    sync_all(central, other, regional)
    assert regional.dump() == central.dump() == other.dump()
    for site in sites:
        rows = site.sql(
            "SELECT id, domain_code FROM question_dispatch WHERE question_id = ? ORDER BY id", qid
        )
        assert sorted(rows) == sorted([(first[0], "onderwijs"), (second[0], "welzijn-zorg")])
        detail = site.read(question_detail.detail, qid, TODAY)
        assert detail.status == "doorverwezen" and detail.received_team_code == "limburg"
        assert {d.domain_code for d in detail.dispatches} == {"onderwijs", "welzijn-zorg"}
        # Both wrote the history (two rows "nieuw -> doorverwezen"), and each dispatch row is
        # whole: no field of one dispatch was merged into the other.
        assert [(h.from_status, h.to_status) for h in detail.history].count(
            ("nieuw", "doorverwezen")
        ) == 2
    # The only fields both wrote are the question's status and handling team, to the same
    # values: at most those show as conflicts, never a dispatch.
    conflicts = {(c[0], c[2]) for c in central.conflicts()}
    assert conflicts <= {("question", "status"), ("question", "team_code")}


def test_an_askers_erasure_reaches_every_laptop(sites: tuple[Site, Site, Site]) -> None:
    regional, central, other = sites
    qid = take_in(
        regional, "Hoe vraagt een gezin het Groeipakket aan?", asker_name="Marie Peeters",
        asker_email="marie@genk.be",
    )  # fmt: skip
    sync_all(regional, central, other)
    assert other.sql("SELECT asker_name FROM question WHERE id = ?", qid) == [("Marie Peeters",)]
    with Session(central.engine) as session:
        assert privacy.erase_asker(session, privacy.AskerKey(email="MARIE@genk.be")).questions == 1
    sync_all(central, regional, other)
    for site in sites:
        assert site.sql(
            "SELECT asker_name, asker_email, subject FROM question WHERE id = ?", qid
        ) == [(None, None, "Hoe vraagt een gezin het Groeipakket aan?")]
        assert "Marie" not in site.dump()
