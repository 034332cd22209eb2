"""First-run set-up of a laptop: who uses it, for which team, which share."""

from __future__ import annotations

import platform
from pathlib import Path

from sqlalchemy import select

from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine, make_session_factory
from vlot_desktop.db.models import Device, StaffUser, Team
from vlot_desktop.db.reference_data import reference_team_codes
from vlot_desktop.services.data_folder import open_data_folder
from vlot_desktop.settings import Settings, load_settings, save_settings


class UnknownTeamError(ValueError):
    def __init__(self, team: str, known: list[str]) -> None:
        super().__init__(f"unknown region/team {team!r}; choose one of: {', '.join(known)}")
        self.team = team
        self.known = known


def team_codes(data_dir: Path) -> list[str]:
    engine = make_engine(paths.database_path(data_dir))
    try:
        with engine.connect() as conn:
            return list(conn.scalars(select(Team.code).order_by(Team.sort_order)))
    finally:
        engine.dispose()


def initialise_laptop(
    data_dir: Path, user_name: str, team_code: str, share_path: str | None = None
) -> Settings:
    """Create the staff user and this device, and remember them in the settings.

    Running it again with another name or team updates the same user and device.
    """
    user_name = user_name.strip()
    if not user_name:
        raise ValueError("the user name is empty")
    # Check the team against the reference file first: a typo must not create a database.
    known = reference_team_codes()
    normalised = team_code.strip().lower()
    if normalised not in known:
        raise UnknownTeamError(team_code, known)
    open_data_folder(data_dir)
    settings = load_settings(data_dir)
    engine = make_engine(paths.database_path(data_dir))
    try:
        with make_session_factory(engine).begin() as session:
            user = session.get(StaffUser, settings.user_id) if settings.user_id else None
            if user is None:
                user = StaffUser(name=user_name, team_code=normalised)
                session.add(user)
            else:
                user.name = user_name
                user.team_code = normalised
            session.flush()
            device = session.get(Device, settings.device_id) if settings.device_id else None
            if device is None:
                device = Device(label=platform.node() or "laptop", user_id=user.id)
                session.add(device)
            else:
                device.user_id = user.id
            session.flush()
            settings.user_id, settings.device_id = user.id, device.id
    finally:
        engine.dispose()
    settings.user_name = user_name
    settings.team_code = normalised
    if share_path is not None:
        settings.share_path = share_path or None
    save_settings(data_dir, settings)
    return settings
