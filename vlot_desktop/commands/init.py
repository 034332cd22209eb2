"""``vlot-desktop init``: set up this laptop (user, region/team, share folder)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from vlot_desktop.commands import fail

if TYPE_CHECKING:
    from vlot_desktop.commands import SubParsers


def register(sub: SubParsers) -> None:
    parser = sub.add_parser("init", help="set up this laptop: user, region/team, share folder")
    parser.add_argument("--user", required=True, metavar="NAME", help="your name")
    parser.add_argument(
        "--region",
        required=True,
        metavar="REGION",
        help="team: centraal, antwerpen, limburg, oost-vlaanderen, vlaams-brabant, west-vlaanderen",
    )
    parser.add_argument("--share", metavar="PATH", help="the central share folder (optional)")
    parser.add_argument(
        "--create-share",
        action="store_true",
        help="make the (empty) --share folder a new VLOT share (writes FORMAT.json)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, data_dir: Path) -> int:
    from vlot_desktop.services.setup import UnknownTeamError, initialise_laptop

    share: str | None = args.share
    if args.create_share and not share:
        return fail("--create-share needs --share PATH")
    if share:
        from vlot_desktop.services.sync_service import prepare_share

        # Refuse a folder that is not a VLOT share before anything is set up.
        if not prepare_share(share, create=args.create_share):
            print(
                f"vlot-desktop: share folder {share} is not reachable now; "
                "it is checked at the first sync",
                file=sys.stderr,
            )
        share = str(Path(share).absolute())
    try:
        settings = initialise_laptop(data_dir, args.user, args.region, share)
    except UnknownTeamError as exc:
        return fail(str(exc))
    except ValueError as exc:
        return fail(str(exc))
    print(f"Set up {data_dir} for {settings.user_name} ({settings.team_code}).")
    return 0
