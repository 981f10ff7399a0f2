"""Everything a workspace server does, wired once from `Settings`: the API builds one, and
so can the CLI, so both answer with the same use cases over the same database.
"""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher

from cxmap.services.accounts import AccountService
from cxmap.services.journey_comments import JourneyComments
from cxmap.services.journey_events import InProcessEvents, JourneyEventBus
from cxmap.services.journey_exchange import JourneyExchange
from cxmap.services.journey_parts import JourneyParts
from cxmap.services.journey_revisions import JourneyRevisions
from cxmap.services.workspace_admin import WorkspaceAdmin
from cxmap.services.workspace_journeys import WorkspaceJourneys
from cxmap.services.workspace_personas import WorkspacePersonas
from cxmap.settings import Settings
from cxmap.store import Database
from cxmap.store.records import Clock, utc_now
from cxmap.store.schema import upgrade


@dataclass(frozen=True)
class WorkspaceServer:
    database: Database
    accounts: AccountService
    workspaces: WorkspaceAdmin
    journeys: WorkspaceJourneys
    parts: JourneyParts
    exchange: JourneyExchange
    revisions: JourneyRevisions
    comments: JourneyComments
    events: JourneyEventBus
    personas: WorkspacePersonas

    @classmethod
    def over(
        cls, database: Database, *, clock: Clock = utc_now, hasher: PasswordHasher | None = None
    ) -> WorkspaceServer:
        events = InProcessEvents()
        journeys = WorkspaceJourneys(database, clock, events)
        return cls(
            database=database,
            accounts=AccountService(database, clock, hasher),
            workspaces=WorkspaceAdmin(database, clock),
            journeys=journeys,
            parts=JourneyParts(journeys),
            exchange=JourneyExchange(journeys),
            revisions=JourneyRevisions(database, clock, events),
            comments=JourneyComments(database, clock, events),
            events=events,
            personas=WorkspacePersonas(database, clock),
        )

    @classmethod
    def open(cls, settings: Settings, *, clock: Clock = utc_now) -> WorkspaceServer:
        """The use cases over the database `settings` name (no connection is made yet)."""
        return cls.over(Database.open(settings.database_url), clock=clock)

    def close(self) -> None:
        self.database.close()


def prepare_database(settings: Settings) -> None:
    """Bring the database to this cxmap's schema (creating the SQLite file if needed)."""
    upgrade(settings.database_url)
