"""Import locations from an .xlsx or .csv file: map columns, check every row, then all or nothing.

The steps, shared by the import dialog and ``vlot-desktop import locations``:

1. ``read_source``: open the file, find the header row (and the sheet), and guess which column
   holds what from Dutch or English headers (accents, case and spaces do not matter) and from
   the mapping the user chose last time.
2. ``import_locations(..., dry_run=True)``: read every row and check it with the location rules
   (``domain.location_rules``), without writing: the preview and its row-by-row report.
3. ``import_locations(...)``: the same check first; only when no row has an error, a second pass
   writes every row in ONE transaction (and checks again: the data may have changed meanwhile).
   A cancel or any error rolls everything back: nothing is half-imported.

What a row does:

- an ``ID`` that exists: the location is updated, but only the columns the file has, and only
  when a value really differs. An unchanged row is not written at all, so re-importing an
  export changes nothing and no change travels to the other laptops;
- no ``ID``, or one that does not exist yet: a new location (keeping that id), with one
  place per unit of capacity (``Location.capacity`` is always the number of ``place`` rows);
- the places follow the capacity through the rule's one write path,
  ``services.places.set_capacity``, exactly as when the capacity is typed in the detail pane:
  new places "Plaats N" (free in an operational location, in preparation otherwise), only
  places nobody uses and no case refers to removed (a capacity that would need more is an
  error, with the same message), recorded as a capacity change with date, author and the file's
  name. A new status is recorded as a status change. Place counts in the file (Bezet, Vrij,
  ...) are information only.

Files are streamed in chunks of rows: 100,000 rows need little memory.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from vlot_desktop.db.models import (
    Location,
    LocationStatusChange,
    Municipality,
    Postcode,
)
from vlot_desktop.db.queries._common import raw_text
from vlot_desktop.domain import location_rules as rules
from vlot_desktop.domain.enums import LocationStatus, LocationType
from vlot_desktop.domain.ids import uuid7
from vlot_desktop.domain.text import fold_join
from vlot_desktop.domain.text_limits import MAX_FREE_TEXT, text_too_long
from vlot_desktop.services.location_export import COLUMNS_BY_KEY, LOCATION_COLUMNS, header_key
from vlot_desktop.services.places import capacity_problems, set_capacity
from vlot_desktop.spreadsheets.cells import (
    CellValue,
    cell_text,
    parse_bool,
    parse_date,
    parse_int,
    parse_text,
)
from vlot_desktop.spreadsheets.errors import CellError, SpreadsheetError
from vlot_desktop.spreadsheets.reading import Table, open_table
from vlot_desktop.spreadsheets.writing import ColumnKind, OutputColumn, write_table

CHUNK_ROWS = 500
PREVIEW_ROWS = 100  # the first rows, shown in the preview; rows with problems come on top
MAX_PREVIEW_PROBLEM_ROWS = 1000
MAX_PROBLEMS = 10_000  # kept in the report; the rest are counted
EXAMPLE_ROWS = 3
SHOWN_VALUE_MAX = 200  # a longer cell is shortened in the report (a huge text says its length)

# Columns the import writes (the rest are read-only or only identify the row).
_FLAGS = (
    "wheelchair_accessible",
    "suits_families",
    "suits_singles",
    "suits_medical_needs",
    "suits_vulnerable_profiles",
)
_TEXTS = ("name", "street", "house_number", "postcode", "subsidy_scheme", "subsidy_reference")
_DATES = ("status_since", "opened_on", "closed_on")
WRITTEN_FIELDS = (
    "name",
    "location_type",
    "status",
    "status_since",
    "street",
    "house_number",
    "postcode",
    "municipality_nis",
    "capacity",
    *_FLAGS,
    "subsidy_scheme",
    "subsidy_reference",
    "opened_on",
    "closed_on",
    "notes",
)
_NEW_DEFAULTS: dict[str, Any] = {
    "capacity": 0,
    "wheelchair_accessible": False,
    "suits_families": True,
    "suits_singles": True,
    "suits_medical_needs": False,
    "suits_vulnerable_profiles": False,
}
_MUNICIPALITY_KEYS = ("municipality_nis", "municipality_name", "postcode")
_REQUIRED_FOR_NEW = ("name", "location_type", "status")


# -- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowProblem:
    """One line of the report: which row and column, what the cell held, what is wrong.

    ``row`` 0 is the file as a whole (a missing column, an unreadable file).
    """

    row: int
    column: str
    value: str
    message_nl: str
    message_en: str
    severity: rules.Severity = rules.Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is rules.Severity.ERROR

    def text(self, language: str) -> str:
        return self.message_en if language == "en" else self.message_nl


class RowAction:
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    ERROR = "error"


@dataclass(frozen=True)
class PreviewRow:
    """A row of the file as text, with what the import does with it."""

    number: int
    cells: list[str]
    action: str


@dataclass
class ImportSummary:
    """What an import did (or, for a dry run or a refused file, would do)."""

    path: Path
    headers: list[str] = field(default_factory=list)
    mapping: dict[int, str] = field(default_factory=dict)
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    places_added: int = 0
    places_removed: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    problem_count: int = 0  # all problems, also those beyond MAX_PROBLEMS
    error_count: int = 0
    preview: list[PreviewRow] = field(default_factory=list)
    applied: bool = False
    cancelled: bool = False

    @property
    def has_errors(self) -> bool:
        return self.error_count > 0

    @property
    def problem_rows(self) -> set[int]:
        return {p.row for p in self.problems}

    def add_problem(self, problem: RowProblem) -> None:
        self.problem_count += 1
        if problem.is_error:
            self.error_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)


class ImportCancelled(Exception):
    """Raised inside the write transaction when the user cancels: it rolls everything back."""


# Called with (rows done, rows estimated, phase "check" | "write").
ImportProgress = Callable[[int, int, str], None]


# -- the mapping step ---------------------------------------------------------------------------


def _known_headers() -> dict[str, str]:
    known: dict[str, str] = {}
    for column in LOCATION_COLUMNS:
        for text in (column.header_nl, column.header_en, column.key, *column.aliases):
            known.setdefault(header_key(text), column.key)
    return known


KNOWN_HEADERS = _known_headers()


def header_score(headers: list[str]) -> int:
    """How many of ``headers`` are known location columns (to find the header row and sheet)."""
    return len({KNOWN_HEADERS[k] for k in map(header_key, headers) if k in KNOWN_HEADERS})


def guess_mapping(
    headers: Sequence[str], remembered: Mapping[str, str] | None = None
) -> dict[int, str]:
    """File column index -> column key, for the headers that are recognised.

    ``remembered`` (header key -> column key, "" for "do not import") is the user's last
    mapping and wins over the built-in names. A column key is given to one file column only.
    """
    mapping: dict[int, str] = {}
    used: set[str] = set()
    for index, header in enumerate(headers):
        key = header_key(header)
        if not key:
            continue
        if remembered is not None and key in remembered:
            chosen = remembered[key]
            if chosen not in COLUMNS_BY_KEY:
                continue  # remembered as "do not import" (or a column that no longer exists)
        else:
            chosen = KNOWN_HEADERS.get(key, "")
        if chosen and chosen not in used:
            mapping[index] = chosen
            used.add(chosen)
    return mapping


def remembered_mapping(value: object) -> dict[str, str]:
    """The stored mapping from the settings file, without anything a hand edit broke."""
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def mapping_to_remember(headers: Sequence[str], mapping: Mapping[int, str]) -> dict[str, str]:
    """The mapping to store: header key -> column key ("" for a column left out)."""
    remembered: dict[str, str] = {}
    for index, header in enumerate(headers):
        key = header_key(header)
        if key:
            remembered[key] = mapping.get(index, "")
    return remembered


@dataclass
class SourceInfo:
    """The file as the mapping step shows it: headers, a few example values, a guess."""

    path: Path
    kind: str
    sheet: str | None
    sheet_names: list[str]
    header_row: int
    headers: list[str]
    examples: list[list[str]]
    guessed: dict[int, str]


def read_source(
    path: Path, *, sheet: str | None = None, remembered: Mapping[str, str] | None = None
) -> SourceInfo:
    """Open ``path`` for the mapping step. Raises ``SpreadsheetError`` for an unusable file."""
    with _open(path, sheet) as table:
        examples: list[list[str]] = []
        for row in table.rows():
            examples.append([cell_text(c) for c in row.cells])
            if len(examples) >= EXAMPLE_ROWS:
                break
        return SourceInfo(
            path=path,
            kind=table.kind,
            sheet=table.sheet,
            sheet_names=table.sheet_names,
            header_row=table.header_row,
            headers=table.headers,
            examples=examples,
            guessed=guess_mapping(table.headers, remembered),
        )


def _open(path: Path, sheet: str | None) -> Table:
    table = open_table(path, sheet=sheet, header_score=header_score)
    if not table.headers:
        table.close()
        raise SpreadsheetError(
            f"{path.name}: the header row is empty", f"{path.name}: de rij met kolomtitels is leeg."
        )
    return table


def missing_columns(mapping: Mapping[int, str]) -> list[str]:
    """Dutch headers of the columns a file without ``ID`` cannot do without."""
    keys = set(mapping.values())
    if "id" in keys:
        return []
    missing = [COLUMNS_BY_KEY[k].header_nl for k in _REQUIRED_FOR_NEW if k not in keys]
    if not keys & set(_MUNICIPALITY_KEYS):
        missing.append(
            f"{COLUMNS_BY_KEY['municipality_name'].header_nl} / "
            f"{COLUMNS_BY_KEY['municipality_nis'].header_nl} / "
            f"{COLUMNS_BY_KEY['postcode'].header_nl}"
        )
    return missing


# -- reference data and existing rows ---------------------------------------------------------


@dataclass
class _Reference:
    names: dict[str, str]  # NIS -> name
    by_name: dict[str, str]  # header_key(name) -> NIS
    postcodes: dict[str, set[str]]  # postcode -> NIS codes

    @classmethod
    def load(cls, conn: Connection) -> _Reference:
        names = {
            str(n): str(m)
            for n, m in conn.execute(select(Municipality.nis_code, Municipality.name_nl))
        }
        postcodes: dict[str, set[str]] = {}
        for code, nis in conn.execute(select(Postcode.postcode, Postcode.municipality_nis)):
            postcodes.setdefault(str(code), set()).add(str(nis))
        return cls(names, {header_key(m): n for n, m in names.items()}, postcodes)


def _enum_lookup(enum_type: type[LocationType] | type[LocationStatus]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for member in enum_type:
        for text in (member.value, member.label_nl, member.label_en):
            lookup[header_key(text)] = member.value
    return lookup


_TYPES = _enum_lookup(LocationType)
_STATUSES = _enum_lookup(LocationStatus)


def parse_location_type(text: str) -> str | None:
    """The stored type for a value or a Dutch or English label ("Collectieve opvang")."""
    return _TYPES.get(header_key(text))


def parse_location_status(text: str) -> str | None:
    return _STATUSES.get(header_key(text))


@dataclass
class _Existing:
    """A location as stored: its written fields (its places are the capacity rule's, in
    ``services.places``)."""

    values: dict[str, Any]


def _load_existing(conn: Connection, ids: Iterable[str]) -> dict[str, _Existing]:
    wanted = list(ids)
    if not wanted:
        return {}
    columns = [
        getattr(Location, name)
        if name not in ("location_type", "status")
        else raw_text(getattr(Location, name))
        for name in WRITTEN_FIELDS
    ]
    found: dict[str, _Existing] = {}
    for row in conn.execute(select(Location.id, *columns).where(Location.id.in_(wanted))):
        found[str(row[0])] = _Existing(dict(zip(WRITTEN_FIELDS, row[1:], strict=True)))
    return found


# -- one row ----------------------------------------------------------------------------------


@dataclass
class _Row:
    number: int
    cells: list[CellValue]
    values: dict[str, Any] = field(default_factory=dict)  # parsed, per column key
    problems: list[RowProblem] = field(default_factory=list)
    location_id: str | None = None
    action: str = RowAction.ERROR
    changes: dict[str, Any] = field(default_factory=dict)  # for an update: what differs
    old: _Existing | None = None


def _invalid_id(text: str) -> tuple[str, str]:
    return (
        f"'{text}' is geen geldige ID; laat de cel leeg voor een nieuwe locatie.",
        f"{text!r} is not a valid ID; leave the cell empty for a new location.",
    )


def _normalise_id(text: str) -> str | None:
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None


class _RowChecker:
    """Parses and checks rows; knows the mapping, the reference data and the ids seen."""

    def __init__(
        self,
        headers: list[str],
        mapping: Mapping[int, str],
        reference: _Reference,
        today: dt.date,
        addresses: dict[tuple[str, str, str], tuple[str, str]] | None = None,
        capacity_problems: Callable[[str, int], list[rules.Problem]] = lambda _id, _cap: [],
    ) -> None:
        self.headers = headers
        # Why the capacity rule's one write path (services.places) would refuse a capacity.
        self.capacity_problems = capacity_problems
        self.mapping = {i: k for i, k in mapping.items() if not COLUMNS_BY_KEY[k].read_only}
        self.column_of = {k: i for i, k in self.mapping.items()}
        self.reference = reference
        self.today = today
        self.seen_ids: dict[str, int] = {}
        # (NIS, street, number) folded -> (id, name) of the locations there, the file's included.
        self.addresses = addresses if addresses is not None else {}

    # Where a problem of a field shows: the file's column for it, else the standard header.
    def _column(self, key: str) -> tuple[str, int | None]:
        if key == "municipality_nis":
            for candidate in _MUNICIPALITY_KEYS:
                if candidate in self.column_of:
                    key = candidate
                    break
        if key == "places":
            key = "capacity"
        index = self.column_of.get(key)
        if index is not None:
            return self.headers[index], index
        column = COLUMNS_BY_KEY.get(key)
        return (column.header_nl if column else ""), None

    def problem(self, row: _Row, key: str, nl: str, en: str, severity: rules.Severity) -> None:
        header, index = self._column(key)
        value = cell_text(row.cells[index]) if index is not None else ""
        if len(value) > SHOWN_VALUE_MAX:
            value = value[:SHOWN_VALUE_MAX] + "…"
        row.problems.append(RowProblem(row.number, header, value, nl, en, severity))

    def parse(self, row: _Row) -> None:
        """Cell values -> typed values (``row.values``); cell problems into ``row.problems``."""
        for index, key in self.mapping.items():
            raw = row.cells[index]
            kind = COLUMNS_BY_KEY[key].kind
            if isinstance(raw, str) and len(raw) > MAX_FREE_TEXT:
                # No cell may hold more than a free text (notes): the other laptops could not
                # take it in (domain.text_limits). Fields with a shorter limit check their own.
                too_long = text_too_long(key, len(raw))
                self.problem(row, key, too_long.message, too_long.message_en, too_long.severity)
                continue
            try:
                if key == "id":
                    text = parse_text(raw)
                    if text is not None:
                        normalised = _normalise_id(text)
                        if normalised is None:
                            self.problem(row, key, *_invalid_id(text), rules.Severity.ERROR)
                            continue
                        text = normalised
                    row.values[key] = text
                elif key in ("postcode", "municipality_nis"):
                    row.values[key] = parse_text(raw)
                elif kind == "integer":
                    row.values[key] = parse_int(raw)
                elif kind == "date":
                    row.values[key] = parse_date(raw)
                elif kind == "flag":
                    flag = parse_bool(raw)
                    if flag is not None:  # empty: the default (new) or unchanged (existing)
                        row.values[key] = flag
                elif kind in ("type", "status"):
                    text = parse_text(raw)
                    lookup = _TYPES if kind == "type" else _STATUSES
                    # An unknown label stays as typed: the location rules name it.
                    row.values[key] = lookup.get(header_key(text), text) if text else None
                else:
                    row.values[key] = parse_text(raw)
            except CellError as exc:
                self.problem(row, key, exc.message_nl, str(exc), rules.Severity.ERROR)

    def municipality(self, row: _Row, *, from_postcode: bool) -> str | None:
        """The NIS code from the NIS column, else the name, else (for a new location) the
        postcode. ``None``: none of them given; "": given but wrong (a problem was added)."""
        values = row.values
        ref = self.reference
        nis = values.get("municipality_nis")
        name = values.get("municipality_name")
        if nis:
            if name and ref.names.get(nis) and ref.by_name.get(header_key(name)) != nis:
                problem = rules.municipality_name_mismatch(name, nis, ref.names[nis])
                self.problem(
                    row, "municipality_name", problem.message, problem.message_en, problem.severity
                )
            return str(nis)
        if name:
            found = ref.by_name.get(header_key(name))
            if found is None:
                problem = rules.unknown_municipality_name(name)
                self.problem(
                    row, "municipality_name", problem.message, problem.message_en, problem.severity
                )
                return ""
            return found
        postcode = values.get("postcode")
        if postcode and from_postcode:
            served = ref.postcodes.get(str(postcode), set())
            if len(served) == 1:
                return next(iter(served))
            if len(served) > 1:
                problem = rules.ambiguous_postcode(str(postcode))
                self.problem(row, "postcode", problem.message, problem.message_en, problem.severity)
                return ""
        return None

    def check(self, row: _Row, existing: _Existing | None) -> None:
        """Merge the row onto the existing location (or the defaults) and apply the rules."""
        location_id = row.values.get("id")
        if location_id:
            first = self.seen_ids.get(location_id)
            if first is not None:
                self.problem(
                    row,
                    "id",
                    f"Deze ID staat ook op rij {first}; elke locatie mag maar één keer voorkomen.",
                    f"This ID is also on row {first}; each location may appear only once.",
                    rules.Severity.ERROR,
                )
            else:
                self.seen_ids[location_id] = row.number
        merged: dict[str, Any] = dict(existing.values) if existing else dict(_NEW_DEFAULTS)
        for key in WRITTEN_FIELDS:
            if key in row.values:
                merged[key] = row.values[key]
        nis = self.municipality(row, from_postcode=existing is None)
        if nis is not None:
            merged["municipality_nis"] = nis or None
        elif existing is None or self.column_of.keys() & {"municipality_nis", "municipality_name"}:
            merged["municipality_nis"] = None  # none given, or the cells were emptied
        values = rules.LocationValues(
            name=merged.get("name"),
            location_type=merged.get("location_type"),
            status=merged.get("status"),
            municipality_nis=merged.get("municipality_nis"),
            street=merged.get("street"),
            house_number=merged.get("house_number"),
            postcode=merged.get("postcode"),
            capacity=merged.get("capacity"),
            status_since=merged.get("status_since"),
            opened_on=merged.get("opened_on"),
            closed_on=merged.get("closed_on"),
        )
        found = rules.check_location(
            values,
            municipalities=self.reference.names,
            postcode_municipalities=self.reference.postcodes,
            today=self.today,
        )
        capacity = merged.get("capacity")
        if (
            existing is not None
            and location_id
            and isinstance(capacity, int)
            and capacity != existing.values.get("capacity")
            and not any(p.is_error and p.field == "capacity" for p in found)
        ):
            found += [p for p in self.capacity_problems(location_id, capacity) if p not in found]
        reported = self._fields_with_cell_errors(row)
        for problem in found:
            if problem.field in reported:
                continue  # the cell's own message already says it
            self.problem(row, problem.field, problem.message, problem.message_en, problem.severity)
        row.old = existing
        row.location_id = location_id
        if any(p.is_error for p in row.problems):
            row.action = RowAction.ERROR
            return
        if existing is None:
            row.action = RowAction.CREATE
            row.changes = {k: merged.get(k) for k in WRITTEN_FIELDS}
            self._check_address(row, merged)
            return
        row.changes = {
            k: merged.get(k)
            for k in WRITTEN_FIELDS
            if _comparable(merged.get(k)) != _comparable(existing.values.get(k))
        }
        row.action = RowAction.UPDATE if row.changes else RowAction.UNCHANGED
        if "status" in row.changes and "status_since" not in self.column_of:
            row.changes["status_since"] = self.today  # the new status starts today
        if row.changes.keys() & {"street", "house_number", "municipality_nis"}:
            self._check_address(row, merged)

    def _check_address(self, row: _Row, merged: Mapping[str, Any]) -> None:
        """Warn when another location has the same address in the same municipality."""
        key = _address_key(
            merged.get("municipality_nis"), merged.get("street"), merged.get("house_number")
        )
        if key is None:
            return
        identity = row.location_id or f"#{row.number}"
        other = self.addresses.get(key)
        if other is not None and other[0] != identity:
            problem = rules.duplicate_address_warning(other[1])
            self.problem(row, "street", problem.message, problem.message_en, problem.severity)
        else:
            self.addresses[key] = (identity, str(merged.get("name") or ""))

    def _fields_with_cell_errors(self, row: _Row) -> set[str]:
        if not row.problems:
            return set()
        headers = {p.column for p in row.problems if p.is_error}
        fields = {k for i, k in self.mapping.items() if self.headers[i] in headers}
        if fields & set(_MUNICIPALITY_KEYS):
            fields.add("municipality_nis")
        if "capacity" in fields:
            fields.add("places")
        return fields


def _address_key(nis: Any, street: Any, number: Any) -> tuple[str, str, str] | None:
    if not nis or not street or not str(street).strip():
        return None
    return str(nis), header_key(str(street)), header_key(str(number or ""))


def _load_addresses(conn: Connection) -> dict[tuple[str, str, str], tuple[str, str]]:
    """The address of every location that has a street (for the duplicate-address warning)."""
    addresses: dict[tuple[str, str, str], tuple[str, str]] = {}
    query = select(
        Location.id,
        Location.name,
        Location.municipality_nis,
        Location.street,
        Location.house_number,
    ).where(Location.street.is_not(None))
    for location_id, name, nis, street, number in conn.execute(query):
        key = _address_key(nis, street, number)
        if key is not None:
            addresses.setdefault(key, (str(location_id), str(name)))
    return addresses


def _comparable(value: Any) -> Any:
    """Values as compared for "unchanged": empty text is no value, text is trimmed."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, dt.datetime):
        return value.date()
    return value


# -- writing ----------------------------------------------------------------------------------


class _Writer:
    """Writes checked rows in the open transaction of ``conn`` (Core statements, in batches)."""

    def __init__(
        self,
        conn: Connection,
        reference: _Reference,
        author_id: str | None,
        today: dt.date,
        source: str,
    ) -> None:
        self.conn = conn
        self.reference = reference
        self.author_id = author_id
        self.today = today
        self.remark = f"Geïmporteerd uit {source}"[:500]
        self.places_added = 0
        self.places_removed = 0

    def write(self, rows: list[_Row]) -> None:
        locations: list[dict[str, Any]] = []
        status_changes: list[dict[str, Any]] = []
        capacities: list[tuple[str, int]] = []
        for row in rows:
            if row.action == RowAction.CREATE:
                values = dict(row.changes)
                location_id = row.location_id or uuid7()
                values["id"] = location_id
                values["search_text"] = self._search_text(values)
                values["location_type"] = LocationType(values["location_type"])
                values["status"] = LocationStatus(values["status"])
                # Made with no places; the capacity comes with them, below.
                capacities.append((location_id, int(values["capacity"] or 0)))
                values["capacity"] = 0
                locations.append(values)
                status_changes.append(
                    self._status_change(
                        location_id, None, values["status"], values.get("status_since")
                    )
                )
        if locations:
            self.conn.execute(insert(Location), locations)
        if status_changes:
            self.conn.execute(insert(LocationStatusChange), status_changes)
        for location_id, capacity in capacities:
            if capacity:
                self._set_capacity(location_id, capacity)
        for row in rows:
            if row.action == RowAction.UPDATE:
                self._update(row)

    def _set_capacity(self, location_id: str, capacity: int) -> None:
        """Through the capacity rule's one write path, as the detail pane does."""
        result = set_capacity(
            self.conn,
            location_id,
            capacity,
            on_date=self.today,
            author_id=self.author_id,
            reason=self.remark,
        )
        if not result.saved:
            # Checked before writing; only a concurrent change can get here.
            raise ImportCancelled
        self.places_added += len(result.added)
        self.places_removed += len(result.removed)

    def _search_text(self, values: Mapping[str, Any]) -> str:
        municipality = self.reference.names.get(str(values.get("municipality_nis")), "")
        return fold_join(values.get("name"), values.get("street"), municipality)

    def _status_change(
        self, location_id: str, old: str | None, new: str, changed_on: dt.date | None
    ) -> dict[str, Any]:
        return {
            "id": uuid7(),
            "location_id": location_id,
            "from_status": LocationStatus(old) if old in _STATUS_VALUES else None,
            "to_status": LocationStatus(new),
            "changed_on": changed_on or self.today,
            "author_id": self.author_id,
            "remark": self.remark,
        }

    def _update(self, row: _Row) -> None:
        assert row.old is not None and row.location_id is not None
        location_id = row.location_id
        old = row.old.values
        changes = dict(row.changes)
        capacity = changes.pop("capacity", None)
        merged = {**old, **changes}
        if {"name", "street", "municipality_nis"} & changes.keys():
            changes["search_text"] = self._search_text(merged)
        for key in ("location_type", "status"):
            if key in changes:
                enum_type = LocationType if key == "location_type" else LocationStatus
                changes[key] = enum_type(changes[key])
        if changes:
            self.conn.execute(update(Location).where(Location.id == location_id).values(**changes))
        if "status" in row.changes:
            self.conn.execute(
                insert(LocationStatusChange),
                [
                    self._status_change(
                        location_id,
                        old.get("status"),
                        row.changes["status"],
                        row.changes.get("status_since"),
                    )
                ],
            )
        if capacity is not None:
            self._set_capacity(location_id, int(capacity))


_STATUS_VALUES = {s.value for s in LocationStatus}


# -- the import -------------------------------------------------------------------------------


def _chunks(rows: Iterator[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _file_problem(summary: ImportSummary, nl: str, en: str) -> ImportSummary:
    summary.add_problem(RowProblem(0, "", "", nl, en))
    return summary


def import_locations(
    engine: Engine,
    path: Path,
    mapping: Mapping[int, str] | None = None,
    *,
    sheet: str | None = None,
    author_id: str | None = None,
    dry_run: bool = False,
    today: dt.date | None = None,
    on_progress: ImportProgress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportSummary:
    """Check (and unless ``dry_run``, import) the locations in ``path``; all or nothing.

    ``mapping``: file column index -> column key; ``None`` takes the recognised headers.
    Returns the summary with every problem; ``applied`` says whether anything was written.
    A file that cannot be read gives a summary with one problem on row 0 (never an exception).
    """
    today = today or dt.date.today()
    summary = ImportSummary(path)
    is_cancelled = cancelled or (lambda: False)
    try:
        with _open(path, sheet) as table:
            summary.headers = table.headers
            chosen = dict(mapping) if mapping is not None else guess_mapping(table.headers)
            chosen = {
                i: k
                for i, k in chosen.items()
                if 0 <= i < len(table.headers) and k in COLUMNS_BY_KEY
            }
            summary.mapping = chosen
            if not any(not COLUMNS_BY_KEY[k].read_only for k in chosen.values()):
                return _file_problem(
                    summary,
                    "Geen enkele kolom is gekoppeld aan een veld van een opvanglocatie.",
                    "No column is mapped to a field of a location.",
                )
            missing = missing_columns(chosen)
            if missing:
                return _file_problem(
                    summary,
                    "Deze kolommen ontbreken: " + ", ".join(missing) + ".",
                    "These columns are missing: " + ", ".join(missing) + ".",
                )
            with engine.connect() as conn:
                _run(conn, table, chosen, summary, today, None, on_progress, is_cancelled)
    except SpreadsheetError as exc:
        return _file_problem(summary, exc.message_nl, str(exc))
    if summary.cancelled or summary.has_errors or dry_run:
        return summary
    if not summary.created and not summary.updated:
        summary.applied = True  # nothing to write: not even a transaction
        return summary

    # Second pass: write, in one transaction, checking every row again.
    written = ImportSummary(path, summary.headers, summary.mapping, preview=summary.preview)
    try:
        with _open(path, sheet) as table, engine.begin() as conn:
            writer = _Writer(conn, _Reference.load(conn), author_id, today, path.name)
            _run(conn, table, summary.mapping, written, today, writer, on_progress, is_cancelled)
            if written.has_errors or written.cancelled or is_cancelled():
                raise ImportCancelled
            written.places_added = writer.places_added
            written.places_removed = writer.places_removed
            written.applied = True
    except ImportCancelled:
        written.applied = False
        written.cancelled = written.cancelled or is_cancelled()
        written.places_added = written.places_removed = 0
        if not written.has_errors and not written.cancelled:
            return _file_problem(
                written,
                "De gegevens veranderden tijdens de import; er is niets geïmporteerd. "
                "Probeer opnieuw.",
                "The data changed during the import; nothing was imported. Try again.",
            )
    except SpreadsheetError as exc:
        return _file_problem(written, exc.message_nl, str(exc))
    return written


def _run(
    conn: Connection,
    table: Table,
    mapping: Mapping[int, str],
    summary: ImportSummary,
    today: dt.date,
    writer: _Writer | None,
    on_progress: ImportProgress | None,
    is_cancelled: Callable[[], bool],
) -> None:
    """One pass over the rows: check each (and write it with ``writer``)."""
    reference = writer.reference if writer is not None else _Reference.load(conn)
    checker = _RowChecker(
        table.headers,
        mapping,
        reference,
        today,
        _load_addresses(conn),
        lambda location_id, capacity: capacity_problems(conn, location_id, capacity),
    )
    estimated = table.estimated_rows or 0
    phase = "write" if writer is not None else "check"
    preview_problem_rows = 0
    for chunk in _chunks(table.rows(), CHUNK_ROWS):
        if is_cancelled():
            summary.cancelled = True
            if writer is not None:
                raise ImportCancelled
            return
        rows = [_Row(r.number, r.cells) for r in chunk]
        for row in rows:
            checker.parse(row)
        ids = {str(r.values["id"]) for r in rows if r.values.get("id")}
        existing = _load_existing(conn, ids)
        for row in rows:
            location_id = row.values.get("id")
            checker.check(row, existing.get(location_id) if location_id else None)
            summary.rows += 1
            if row.action == RowAction.CREATE:
                summary.created += 1
            elif row.action == RowAction.UPDATE:
                summary.updated += 1
            elif row.action == RowAction.UNCHANGED:
                summary.unchanged += 1
            for problem in row.problems:
                summary.add_problem(problem)
            first_rows = len(summary.preview) < PREVIEW_ROWS and summary.rows <= PREVIEW_ROWS
            if first_rows or (row.problems and preview_problem_rows < MAX_PREVIEW_PROBLEM_ROWS):
                if row.problems and not first_rows:
                    preview_problem_rows += 1
                summary.preview.append(
                    PreviewRow(row.number, [cell_text(c) for c in row.cells], row.action)
                )
        if writer is not None and not summary.has_errors:
            writer.write(rows)
        if on_progress is not None:
            on_progress(summary.rows, max(estimated, summary.rows), phase)


# -- the report -------------------------------------------------------------------------------


REPORT_COLUMNS_NL = ("Rij", "Kolom", "Waarde", "Probleem", "Ernst")
REPORT_COLUMNS_EN = ("Row", "Column", "Value", "Problem", "Severity")


def report_rows(summary: ImportSummary, language: str = "nl") -> Iterator[list[CellValue]]:
    severity = {
        rules.Severity.ERROR: "error" if language == "en" else "fout",
        rules.Severity.WARNING: "warning" if language == "en" else "waarschuwing",
    }
    for problem in sorted(summary.problems, key=lambda p: (p.row, not p.is_error)):
        yield [
            problem.row or None,
            problem.column,
            problem.value,
            problem.text(language),
            severity[problem.severity],
        ]
    hidden = summary.problem_count - len(summary.problems)
    if hidden > 0:
        yield [
            None,
            "",
            "",
            f"... and {hidden} more problems"
            if language == "en"
            else f"... en nog {hidden} problemen",
            "",
        ]


def write_report(summary: ImportSummary, path: Path, language: str = "nl") -> int:
    """Save the problems as .csv (or .xlsx): row, column, value, problem, severity."""
    headers = REPORT_COLUMNS_EN if language == "en" else REPORT_COLUMNS_NL
    columns = [
        OutputColumn(headers[0], ColumnKind.INTEGER, 6),
        OutputColumn(headers[1], width=24),
        OutputColumn(headers[2], width=24),
        OutputColumn(headers[3], width=80),
        OutputColumn(headers[4], width=12),
    ]
    return write_table(path, columns, report_rows(summary, language), sheet_title="Rapport")
