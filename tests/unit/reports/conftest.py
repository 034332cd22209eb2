"""A fully filled-in prospect visit (answers, findings, Cyrillic participant, photos), and the
engines the report services are given."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine, make_session_factory
from vlot_desktop.db.models.prospects import (
    Attachment,
    ChecklistAnswer,
    Finding,
    ProspectParticipant,
    ProspectVisit,
)
from vlot_desktop.domain.enums import FindingKind, ParticipantRole, ProspectStatus
from vlot_desktop.services import photos

PRINTED_AT = dt.datetime(2026, 11, 27, 9, 30)
CYRILLIC_NAME = "Олена Шевченко"
BOTTLENECKS = (
    "Geen brandweeradvies aangevraagd; de nooduitgang op de tweede verdieping is geblokkeerd.",
    "Centrale verwarming defect in de westvleugel.",
)
OPPORTUNITIES = ("Eigenaar wil de keuken op eigen kosten vernieuwen.",)


@dataclass
class FilledVisit:
    data_dir: Path
    db_path: Path
    visit_id: str
    photo_count: int  # photos present on this laptop
    missing_photo: str  # file name of a synced photo whose blob is not here


def pdf_text(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def _jpeg(path: Path, color: tuple[int, int, int], size: tuple[int, int]) -> Path:
    Image.new("RGB", size, color).save(path, "JPEG", quality=85)
    return path


@pytest.fixture
def engine(prepared_dir: Path) -> Iterator[Engine]:
    """The engine of ``prepared_dir``'s database, as the application and the CLI pass it."""
    engine = make_engine(paths.database_path(prepared_dir))
    yield engine
    engine.dispose()


@pytest.fixture
def demo_engine(demo_dir: Path) -> Iterator[Engine]:
    engine = make_engine(paths.database_path(demo_dir))
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with make_session_factory(engine)() as session:
        yield session


def add_visit(session: Session, name: str = "Klooster Sint-Jozef", version: int = 1) -> str:
    visit = ProspectVisit(
        name=name,
        street="Kerkstraat",
        house_number="12",
        postcode="3500",
        municipality_nis="71072",
        status=ProspectStatus.POSITIVE,
        visit_date=dt.date(2026, 11, 20),
        template="prospect",
        template_version=version,
        estimated_places=24,
        general_impression="Goed onderhouden gebouw met veel mogelijkheden.",
        outcome_notes="Positief advies; overeenkomst in voorbereiding.",
    )
    session.add(visit)
    session.flush()
    answers = [
        ("algemeen.type_gebouw", "klooster", None, None, None),
        ("algemeen.leegstaand", "ja", None, None, "Sinds de zomer van 2025."),
        ("algemeen.bruikbare_oppervlakte", None, 1250.5, None, None),
        ("algemeen.huidige_bestemming", None, None, "Kloostergemeenschap", None),
        ("gebouw.rookmelders", "nee", None, None, None),
        ("gebouw.gaskeuring", "nvt", None, None, None),
    ]
    for key, choice, number, text, remark in answers:
        session.add(
            ChecklistAnswer(
                id=str(uuid.uuid5(uuid.UUID(visit.id), key)),
                visit_id=visit.id,
                item_key=key,
                value_choice=choice,
                value_number=number,
                value_text=text,
                remark=remark,
            )
        )
    for position, text in enumerate(BOTTLENECKS):
        session.add(
            Finding(
                visit_id=visit.id,
                item_key="gebouw.brandweeradvies" if position == 0 else None,
                kind=FindingKind.BOTTLENECK,
                description=text,
                action="Brandweeradvies aanvragen",
                responsible="Eigenaar",
                due_on=dt.date(2026, 12, 15),
                position=position,
            )
        )
    session.add(
        Finding(
            visit_id=visit.id,
            kind=FindingKind.OPPORTUNITY,
            description=OPPORTUNITIES[0],
            action="Offerte opvragen",
            responsible="VLOT",
            position=9,
        )
    )
    for person, role in (
        ("Jan Peeters", ParticipantRole.OWNER),
        ("Els Janssens", ParticipantRole.MUNICIPALITY),
        (CYRILLIC_NAME, ParticipantRole.OTHER),
    ):
        session.add(
            ProspectParticipant(visit_id=visit.id, name=person, role=role, organisation="Tolk")
        )
    session.commit()
    return visit.id


@pytest.fixture
def filled_visit(session: Session, prepared_dir: Path, tmp_path: Path) -> FilledVisit:
    visit_id = add_visit(session)
    files = [
        _jpeg(tmp_path / "gevel.jpg", (180, 40, 40), (1200, 900)),
        _jpeg(tmp_path / "keuken.jpg", (40, 160, 40), (900, 1200)),
        _jpeg(tmp_path / "kamer.jpg", (40, 40, 160), (1200, 900)),
    ]
    added = photos.add_photos(session, prepared_dir, photos.PROSPECT_VISIT, visit_id, files).added
    photos.set_caption(session, added[0].id, "Voorgevel aan de Kerkstraat")
    photos.link_item(session, added[0].id, "algemeen.foto_gevel")
    session.add(
        Attachment(
            sha256="d" * 64,
            file_name="van-collega.jpg",
            media_type="image/jpeg",
            size_bytes=1000,
            owner_table=photos.PROSPECT_VISIT,
            owner_id=visit_id,
            position=10,
        )
    )
    session.commit()
    return FilledVisit(
        prepared_dir, paths.database_path(prepared_dir), visit_id, 3, "van-collega.jpg"
    )
