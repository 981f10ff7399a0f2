"""Storage engine (L2): workspaces, accounts, journeys with their history, comments.

SQLAlchemy 2 over SQLite (the embedded default) or PostgreSQL, with Alembic migrations
(`cxmap.store.schema`). Open a `Database`, run a transaction with `reading()` or
`writing()`, and hand its session to the repositories; they return the model's records,
never rows:

    database = Database.open(settings.database_url)
    with database.writing() as session:
        stored = Journeys(session).update(ws, jid, journey, expected_version=3, by=user)
"""

from cxmap.store.accounts import Accounts
from cxmap.store.actions import Actions
from cxmap.store.comments import Comments
from cxmap.store.database import Database, create_store_engine
from cxmap.store.journey_history import JourneyHistory
from cxmap.store.journeys import Journeys
from cxmap.store.kpis import Kpis
from cxmap.store.mining_results import MiningResults
from cxmap.store.scoring_store import ScoringStore
from cxmap.store.sessions import LoginAttempts, Sessions
from cxmap.store.workspaces import Workspaces

__all__ = [
    "Accounts",
    "Actions",
    "Comments",
    "Database",
    "JourneyHistory",
    "Journeys",
    "Kpis",
    "LoginAttempts",
    "MiningResults",
    "ScoringStore",
    "Sessions",
    "Workspaces",
    "create_store_engine",
]
