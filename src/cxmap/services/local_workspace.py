"""The local store as the CLI sees it: which workspace and journey a command means.

The CLI works on the database the `CXMAP_` settings name, without a login (like `cxmap
backup`): whoever can read that database holds all of it anyway. A workspace is named by
its slug and may be left out when there is only one; a journey by its slug, or by a
journey file, whose journey is created in the workspace when it is not there yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

from cxmap.model.errors import CxmapError, NotFoundError
from cxmap.model.journey_record import StoredJourney
from cxmap.model.workspace import Workspace
from cxmap.services.journey_files import JOURNEY_SUFFIXES, load_journey
from cxmap.services.journey_sync import same_content
from cxmap.settings import Settings
from cxmap.store import Database, Journeys, Workspaces
from cxmap.store.evidence import Evidence
from cxmap.store.schema import upgrade


@dataclass(frozen=True)
class LocalJourney:
    """The journey a command works on, and how it was found."""

    workspace: Workspace
    journey: StoredJourney
    created: bool = False  # made from the file just now
    file_differs: bool = False  # a file was named and the stored journey says otherwise


def open_local_store(settings: Settings) -> Database:
    """The database of `settings`, brought to this cxmap's schema first."""
    upgrade(settings.database_url)
    return Database.open(settings.database_url)


def local_workspace(database: Database, slug: str | None) -> Workspace:
    """The workspace `slug`, or the only one there is; else an error listing them."""
    with database.reading() as session:
        every = Workspaces(session).every()
    if slug is not None:
        for workspace in every:
            if workspace.slug == slug:
                return workspace
        raise NotFoundError(f"no workspace '{slug}'; {_listed(every)}")
    if len(every) == 1:
        return every[0]
    if not every:
        raise CxmapError(
            "the local store has no workspace yet: start the server (`cxmap serve --demo`, "
            "or sign up and create one through the API) and import again"
        )
    raise CxmapError(f"several workspaces: name one with --workspace; {_listed(every)}")


def local_journey(database: Database, journey: str, workspace: str | None) -> LocalJourney:
    """The journey `journey` (a slug, or a journey file) in the workspace."""
    found = local_workspace(database, workspace)
    path = Path(journey)
    if path.suffix.lower() in JOURNEY_SUFFIXES or path.is_file():
        return _from_file(database, found, path)
    with database.reading() as session:
        stored = Journeys(session).get_by_slug(found.id, journey)
    return LocalJourney(found, stored)


def item_location(database: Database, item_id: UUID) -> tuple[UUID, UUID]:
    """The workspace and journey an evidence item belongs to."""
    with database.reading() as session:
        return Evidence(session).locate(item_id)


def _from_file(database: Database, workspace: Workspace, path: Path) -> LocalJourney:
    document = load_journey(path)
    with database.writing() as session:
        journeys = Journeys(session)
        try:
            stored = journeys.get_by_slug(workspace.id, document.id)
        except NotFoundError:
            created = journeys.create(workspace.id, document, by=None)
            return LocalJourney(workspace, created, created=True)
    return LocalJourney(workspace, stored, file_differs=not same_content(stored.journey, document))


def _listed(workspaces: list[Workspace]) -> str:
    if not workspaces:
        return "there are no workspaces"
    return "the workspaces are: " + ", ".join(f"'{each.slug}'" for each in workspaces)
