"""Case references made on laptops that work offline stay unique once they sync.

Each laptop is its own data folder, set up with ``initialise_laptop`` (its own device id),
creating cases without a share in reach; then (some tests) they sync through one share folder.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine
from vlot_desktop.db.models import Case, CaseEvent, Device, LocalMeta, SyncClock
from vlot_desktop.db.queries.cases import CaseFilter, list_cases
from vlot_desktop.domain.case_reference import (
    CODE_LENGTH,
    code_stream,
    laptop_code,
    parse_reference,
)
from vlot_desktop.domain.enums import CaseEventKind, CaseType
from vlot_desktop.domain.ids import uuid7
from vlot_desktop.services.case_reports import find_case
from vlot_desktop.services.cases import (
    REFERENCE_ID_KEY,
    NewCase,
    create_case,
    give_new_reference,
    reference_clashes,
    reference_laptop_code,
)
from vlot_desktop.services.setup import initialise_laptop
from vlot_desktop.services.sync_service import prepare_share, run_sync
from vlot_desktop.settings import load_settings

from .conftest import HASSELT, TODAY, member

# TYPE-YEAR-LAPTOP-NUMBER, e.g. HH-2026-K7MX-0042 (docs/case-references.md).
READABLE = re.compile(r"(HH|KP|FI)-20\d\d-[A-HJKMNP-TV-Z][2-9][2-9A-HJKMNP-TV-Z]{2,}-\d{4,}")


class Laptop:
    def __init__(self, root: Path, name: str, share: Path | None = None) -> None:
        self.dir = root / name
        initialise_laptop(self.dir, name, "limburg", str(share) if share else None)
        settings = load_settings(self.dir)
        assert settings.device_id and settings.user_id
        self.device_id, self.user_id = settings.device_id, settings.user_id
        self.engine = make_engine(paths.database_path(self.dir))

    def new_case(
        self,
        case_type: CaseType = CaseType.REHOUSING,
        opened_on: dt.date = dt.date(2026, 11, 2),
        *,
        device_id: str | None = "settings",
    ) -> str:
        case_id, problems = create_case(
            self.engine,
            NewCase(
                case_type=case_type.value,
                team_code="limburg",
                municipality_nis=HASSELT,
                opened_on=opened_on,
            ),
            [member()],
            author_id=self.user_id,
            device_id=self.device_id if device_id == "settings" else device_id,
            today=TODAY,
        )
        assert case_id is not None, problems
        return case_id

    def reference(self, case_id: str) -> str:
        with Session(self.engine) as session:
            return session.get_one(Case, case_id).reference

    def references(self) -> list[str]:
        with Session(self.engine) as session:
            return sorted(session.scalars(select(Case.reference)))

    def code(self, device_id: str | None = "settings") -> str:
        with Session(self.engine) as session, session.begin():
            return reference_laptop_code(
                session, self.device_id if device_id == "settings" else device_id
            )

    def add_device(self, device_id: str) -> None:
        """A device row as the sync brings it in from another laptop."""
        with Session(self.engine) as session, session.begin():
            session.add(Device(id=device_id, label="andere laptop"))

    def close(self) -> None:
        self.engine.dispose()


MakeLaptop = Callable[..., Laptop]


@pytest.fixture
def make_laptop(tmp_path: Path) -> Iterator[MakeLaptop]:
    made: list[Laptop] = []

    def make(name: str, share: Path | None = None) -> Laptop:
        made.append(Laptop(tmp_path, name, share))
        return made[-1]

    yield make
    for laptop in made:
        laptop.close()


def same_code_pair(length: int = CODE_LENGTH) -> tuple[str, str]:
    """Two device ids whose codes share ``length`` symbols (a birthday search)."""
    rng = random.Random(5)
    seen: dict[str, str] = {}
    while True:
        device = uuid7(1_795_000_000_000, rng)
        prefix = code_stream(device)[:length]
        if prefix in seen:
            return seen[prefix], device
        seen[prefix] = device


def set_device(laptop: Laptop, device_id: str) -> None:
    """Give ``laptop`` another device id (as if ``init`` had drawn this one; a synced row's id
    cannot change, so its first device row stays, as that of a laptop it once was)."""
    laptop.add_device(device_id)
    laptop.device_id = device_id


def test_two_offline_laptops_give_different_readable_references(make_laptop: MakeLaptop) -> None:
    an, bart = make_laptop("an"), make_laptop("bart")
    assert an.device_id != bart.device_id
    made_by_an = [an.new_case(), an.new_case(CaseType.VULNERABLE), an.new_case()]
    made_by_bart = [bart.new_case(), bart.new_case(CaseType.VULNERABLE), bart.new_case()]
    refs_an = [an.reference(c) for c in made_by_an]
    refs_bart = [bart.reference(c) for c in made_by_bart]
    assert not set(refs_an) & set(refs_bart)
    code_an, code_bart = laptop_code(an.device_id), laptop_code(bart.device_id)
    assert code_an != code_bart
    # One sequence per laptop and year over the three types: "K7MX-0002" names one case.
    assert refs_an == [
        f"HH-2026-{code_an}-0001",
        f"KP-2026-{code_an}-0002",
        f"HH-2026-{code_an}-0003",
    ]
    assert refs_bart[2] == f"HH-2026-{code_bart}-0003"
    for reference in refs_an + refs_bart:
        assert READABLE.fullmatch(reference), reference
        assert parse_reference(reference) is not None
        assert len(reference) == len("HH-2026-K7MX-0042")


def test_offline_laptops_sync_without_a_clash_and_go_on_numbering(
    make_laptop: MakeLaptop,
    tmp_path: Path,
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    assert prepare_share(share, create=True)
    an, bart = make_laptop("an", share), make_laptop("bart", share)
    # Both away from the office: cases made before any sync.
    an_case, bart_case = an.new_case(), bart.new_case()
    for _ in range(2):
        for laptop in (an, bart):
            run_sync(laptop.dir)
    assert an.references() == bart.references()
    assert len(set(an.references())) == 2
    with Session(an.engine) as session:
        assert reference_clashes(session) == []
        # Each knows the other's device now (and would widen its code if they were alike).
        assert {bart.device_id, an.device_id} <= set(session.scalars(select(Device.id)))
    assert an.reference(an_case) != an.reference(bart_case)
    assert an.reference(an_case).endswith("-0001") and an.reference(bart_case).endswith("-0001")
    later = an.new_case()
    assert an.reference(later) == f"HH-2026-{laptop_code(an.device_id)}-0002"


def test_years_have_their_own_sequence_and_older_references_stay(make_laptop: MakeLaptop) -> None:
    an = make_laptop("an")
    old = an.new_case()
    with Session(an.engine) as session, session.begin():
        session.execute(update(Case).where(Case.id == old).values(reference="HH-2026-00042"))
    code = an.code()
    first_2026 = an.new_case()
    first_2025 = an.new_case(CaseType.FEDASIL_INTAKE, dt.date(2025, 12, 30))
    assert an.reference(old) == "HH-2026-00042"  # never renumbered
    assert an.reference(first_2026) == f"HH-2026-{code}-0001"
    assert an.reference(first_2025) == f"FI-2025-{code}-0001"


def test_a_laptop_never_gives_a_reference_it_has_seen(make_laptop: MakeLaptop) -> None:
    # A case of the same code synced in (another laptop of that code, a restored backup):
    # the next number is past it.
    an = make_laptop("an")
    code = an.code()
    other = an.new_case()
    with Session(an.engine) as session, session.begin():
        session.execute(
            update(Case).where(Case.id == other).values(reference=f"KP-2026-{code}-0041")
        )
    assert an.reference(an.new_case()) == f"HH-2026-{code}-0042"


def test_a_known_device_with_the_same_code_makes_the_code_wider(make_laptop: MakeLaptop) -> None:
    first, second = same_code_pair()
    an, bart = make_laptop("an"), make_laptop("bart")
    set_device(an, first)
    set_device(bart, second)
    narrow = laptop_code(first)
    assert narrow == laptop_code(second)
    # Bart has already synced An's device row; An has not seen Bart's yet.
    bart.add_device(first)
    assert an.reference(an.new_case()) == f"HH-2026-{narrow}-0001"
    wide = bart.reference(bart.new_case())
    assert wide.startswith(f"HH-2026-{narrow}") and len(wide) > len(f"HH-2026-{narrow}-0001")
    # Once An knows Bart, it widens too, to a code of the same length that differs.
    an.add_device(second)
    an_wide = an.reference(an.new_case())
    assert len(an_wide) == len(wide) and an_wide != wide
    assert an_wide.endswith("-0001")  # a new code starts its own sequence


def test_a_clash_that_still_happened_is_found_and_resolved(make_laptop: MakeLaptop) -> None:
    # Two laptops with the same code that never met both made case 0001 offline; after the
    # sync both cases are on both laptops.
    first, second = same_code_pair()
    an = make_laptop("an")
    set_device(an, first)
    mine = an.new_case()
    theirs = an.new_case(opened_on=dt.date(2026, 11, 5))
    an.add_device(second)
    clashing = an.reference(mine)
    with Session(an.engine) as session, session.begin():
        session.execute(update(Case).where(Case.id == theirs).values(reference=clashing))
    with Session(an.engine) as session:
        (clash,) = reference_clashes(session)
        assert clash.reference == clashing and clash.case_ids == (mine, theirs)
        assert reference_clashes(session, theirs) == [clash]
    # The user gives one of them (the one opened later) a new reference from this laptop.
    new = give_new_reference(an.engine, theirs, author_id=an.user_id, device_id=an.device_id)
    assert new == an.reference(theirs) and new != clashing
    assert an.reference(mine) == clashing
    assert READABLE.fullmatch(new)
    with Session(an.engine) as session:
        assert reference_clashes(session) == []
        note = session.scalars(
            select(CaseEvent).where(
                CaseEvent.case_id == theirs, CaseEvent.kind == CaseEventKind.NOTE
            )
        ).one()
    assert note.text is not None and clashing in note.text and new in note.text
    # A reference no other case has is never changed (it may be on paper).
    with pytest.raises(ValueError, match="no other case"):
        give_new_reference(an.engine, mine, author_id=an.user_id)


def test_without_a_device_id_the_database_keeps_one_of_its_own(make_laptop: MakeLaptop) -> None:
    an, bart = make_laptop("an"), make_laptop("bart")
    # A caller that does not pass the id, before the first sync: a random id kept per database.
    refs_an = [an.reference(an.new_case(device_id=None)) for _ in range(2)]
    refs_bart = [bart.reference(bart.new_case(device_id=None)) for _ in range(2)]
    code_an = an.code(None)
    assert refs_an == [f"HH-2026-{code_an}-0001", f"HH-2026-{code_an}-0002"]
    assert not set(refs_an) & set(refs_bart)
    with Session(an.engine) as session:
        kept = session.get_one(LocalMeta, REFERENCE_ID_KEY).value
    assert code_an == laptop_code(kept, [an.device_id])
    # After a sync the database knows its laptop's id (sync_clock) and uses that.
    with Session(an.engine) as session, session.begin():
        session.execute(update(SyncClock).where(SyncClock.id == 1).values(device_id=an.device_id))
    assert an.code(None) == an.code() == laptop_code(an.device_id)


def _found(engine: Engine, typed: str) -> list[str]:
    with engine.connect() as conn:
        return [r.id for r in list_cases(conn, CaseFilter(search=typed, today=TODAY)).rows]


def test_new_references_are_found_by_the_search_and_the_reports(make_laptop: MakeLaptop) -> None:
    an = make_laptop("an")
    ids = [an.new_case() for _ in range(3)]
    reference = an.reference(ids[1])  # HH-2026-<code>-0002
    code = reference.split("-")[2]
    assert _found(an.engine, reference) == [ids[1]]
    assert _found(an.engine, reference.lower()) == [ids[1]]
    assert _found(an.engine, "0002") == [ids[1]]
    assert _found(an.engine, f"2026-{code}-0002") == [ids[1]]
    assert set(_found(an.engine, f"HH-2026-{code}")) == set(ids)
    with Session(an.engine) as session:
        assert find_case(session, reference).id == ids[1]  # 'report case REFERENCE'


def test_the_demo_references_are_valid_and_new_cases_follow_them(demo_dir: Path) -> None:
    settings = load_settings(demo_dir)
    assert settings.device_id and settings.user_id
    engine = make_engine(paths.database_path(demo_dir))
    try:
        with Session(engine) as session:
            references = list(session.scalars(select(Case.reference)))
        parsed = [parse_reference(r) for r in references]
        assert references and all(p is not None and p.laptop is None for p in parsed)
        assert len(set(references)) == len(references)  # one data set: no clash
        case_id, problems = create_case(
            engine,
            NewCase(
                case_type=CaseType.REHOUSING.value,
                team_code="limburg",
                municipality_nis=HASSELT,
                opened_on=TODAY,
            ),
            [member()],
            author_id=settings.user_id,
            device_id=settings.device_id,
            today=TODAY,
        )
        assert case_id is not None, problems
        with Session(engine) as session:
            reference = session.get_one(Case, case_id).reference
            assert reference_clashes(session) == []
        assert READABLE.fullmatch(reference) and reference.endswith("-0001")
    finally:
        engine.dispose()
