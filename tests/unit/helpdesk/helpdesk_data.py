"""What the helpdesk tests share: contact persons and sector coordinators on a prepared data
folder (An Peeters, regional team Limburg), and a helper that takes a question in through the
intake service. (A module of its own name: ``conftest`` would clash with the other test
folders' when the whole suite runs.)"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine
from vlot_desktop.services import questions
from vlot_desktop.services.questions import NewQuestion
from vlot_desktop.settings import load_settings

TODAY = dt.date(2026, 11, 26)  # a Thursday
DAY = dt.timedelta(days=1)
HASSELT = "71072"
GENK = "71016"
STAMP = "2026-01-05 09:00:00.000000"
COORDINATOR = "0196a000-0000-7000-8000-00000000c001"  # Departement Onderwijs, sector coordinator
WELFARE = "0196a000-0000-7000-8000-00000000c002"  # Departement Zorg, sector coordinator
ASKER = "0196a000-0000-7000-8000-00000000c003"  # municipal coordinator of Hasselt
EDUCATION_ORG = "0196a000-0000-7000-8000-00000000d001"


@dataclass(frozen=True)
class Helpdesk:
    engine: Engine
    data_dir: Path
    author_id: str

    def sql(self, sql: str, *params: object) -> list[tuple[object, ...]]:
        with self.engine.begin() as conn:
            result = conn.exec_driver_sql(sql, params)
            return [tuple(r) for r in result.fetchall()] if result.returns_rows else []

    def take_in(
        self,
        text: str = "Kan een Oekraïens kind midden in het schooljaar instappen?",
        *,
        received_on: dt.date = TODAY - 3 * DAY,
        team: str = "limburg",
        theme: str | None = "onderwijs-inschrijving-school",
        municipality: str | None = HASSELT,
        **extra: object,
    ) -> str:
        result = questions.create_question(
            self.engine,
            NewQuestion(
                question_text=text,
                received_on=received_on,
                received_team_code=team,
                municipality_nis=municipality,
                theme_code=theme,
                **extra,  # type: ignore[arg-type]
            ),
            author_id=self.author_id,
            today=TODAY,
        )
        assert result.question_id is not None, result.problems
        return result.question_id


def _people(engine: Engine) -> None:
    with engine.begin() as conn:
        for sql, params in (
            (
                "INSERT INTO organisation (id, name, kind, created_at, updated_at) "
                "VALUES (?, 'Departement Onderwijs en Vorming', 'sector', ?, ?)",
                (EDUCATION_ORG, STAMP, STAMP),
            ),
            (
                "INSERT INTO contact_person (id, first_name, last_name, role, organisation_id, "
                "email, phone, active, created_at, updated_at) VALUES (?, 'Els', 'Wouters', "
                "'sectorcoordinator', ?, 'els.wouters@ond.vlaanderen.be', NULL, 1, ?, ?)",
                (COORDINATOR, EDUCATION_ORG, STAMP, STAMP),
            ),
            (
                "INSERT INTO contact_person (id, first_name, last_name, role, email, active, "
                "created_at, updated_at) VALUES (?, 'Pieter', 'Maes', 'sectorcoordinator', "
                "'pieter.maes@vlaanderen.be', 1, ?, ?)",
                (WELFARE, STAMP, STAMP),
            ),
            (
                "INSERT INTO contact_person (id, first_name, last_name, role, municipality_nis, "
                "email, phone, active, created_at, updated_at) VALUES (?, 'Jan', 'Claes', "
                "'gemeentelijke_coordinator', ?, 'jan.claes@hasselt.be', '011 23 45 67', 1, ?, ?)",
                (ASKER, HASSELT, STAMP, STAMP),
            ),
        ):
            conn.exec_driver_sql(sql, params)
    questions.set_domain_coordinator(engine, "onderwijs", COORDINATOR)
    questions.set_domain_coordinator(engine, "welzijn-zorg", WELFARE)


def open_helpdesk(prepared_dir: Path) -> Helpdesk:
    engine = make_engine(paths.database_path(prepared_dir))
    _people(engine)
    author = load_settings(prepared_dir).user_id
    assert author
    return Helpdesk(engine, prepared_dir, author)
