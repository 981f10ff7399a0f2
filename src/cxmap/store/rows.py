"""The tables, as typed SQLAlchemy row classes.

Rows are the store's private business: repositories turn them into the model's records
(`cxmap.model.workspace`, `cxmap.model.journey_record`) before anything leaves the store, so
a column can change without the API noticing. A journey's content is kept whole as JSON
(the same document as the file format); the columns beside it are copies of the fields
people filter and sort by. Every migration must leave the database equal to this metadata
(a test compares them).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from cxmap.model.evidence import MappingMethod
from cxmap.model.evidence_import import EvidenceSource
from cxmap.model.evidence_record import ImportChannel
from cxmap.model.journey import EvidenceKind, JourneyKind, JourneyStatus
from cxmap.model.journey_record import AnchorKind, RevisionAction
from cxmap.model.workspace import Role
from cxmap.store.column_types import JsonDocument, UtcDateTime

#: Constraint names fixed by convention, so migrations can name what they drop on any backend.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def one_of(column: str, values: type[Any]) -> str:
    """A CHECK expression keeping a text column to an enum's values."""
    listed = ", ".join(f"'{member.value}'" for member in values)
    return f"{column} IN ({listed})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 (SQLAlchemy reads this class attribute)
        datetime: UtcDateTime(),
        UUID: Uuid(),
        dict[str, Any]: JsonDocument,
        list[Any]: JsonDocument,
    }


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]


class WorkspaceRow(Base):
    __tablename__ = "workspaces"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]


class MembershipRow(Base):
    __tablename__ = "memberships"
    __table_args__ = (CheckConstraint(one_of("role", Role), name="role"),)

    workspace_id: Mapped[UUID] = mapped_column(ForeignKey("workspaces.id"), primary_key=True)
    user_id: Mapped[UUID] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]


class JourneyRow(Base):
    __tablename__ = "journeys"
    __table_args__ = (
        CheckConstraint(one_of("kind", JourneyKind), name="kind"),
        CheckConstraint(one_of("status", JourneyStatus), name="status"),
        CheckConstraint("version >= 1", name="version"),
        # A journey's id is unique among the live journeys of a workspace; a deleted one
        # keeps its slug in the bin without blocking a new journey of the same id.
        Index(
            "uq_journeys_live_slug",
            "workspace_id",
            "slug",
            unique=True,
            sqlite_where="deleted_at IS NULL",
            postgresql_where="deleted_at IS NULL",
        ),
        Index("ix_journeys_workspace_id_updated_at", "workspace_id", "updated_at"),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True)
    workspace_id: Mapped[UUID] = mapped_column(ForeignKey("workspaces.id"))
    slug: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    owner: Mapped[str] = mapped_column(Text)
    tags: Mapped[list[Any]]
    version: Mapped[int]
    created_at: Mapped[datetime]
    created_by: Mapped[UUID | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime]
    updated_by: Mapped[UUID | None] = mapped_column(ForeignKey("users.id"))
    deleted_at: Mapped[datetime | None]
    deleted_by: Mapped[UUID | None] = mapped_column(ForeignKey("users.id"))
    search_text: Mapped[str] = mapped_column(Text)
    content: Mapped[dict[str, Any]]


class JourneyTagRow(Base):
    """Lower-cased tags in their own table: filtering by tag is plain SQL on every backend.

    `JourneyRow.tags` keeps them as written, in order, for showing.
    """

    __tablename__ = "journey_tags"

    journey_id: Mapped[UUID] = mapped_column(ForeignKey("journeys.id"), primary_key=True)
    tag: Mapped[str] = mapped_column(Text, primary_key=True, index=True)


class JourneyRevisionRow(Base):
    """One version of a journey, kept forever: full content plus the patch from the last."""

    __tablename__ = "journey_revisions"
    __table_args__ = (CheckConstraint(one_of("action", RevisionAction), name="action"),)

    journey_id: Mapped[UUID] = mapped_column(ForeignKey("journeys.id"), primary_key=True)
    version: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(16))
    changed_by: Mapped[UUID | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime]
    restored_from: Mapped[int | None]
    content: Mapped[dict[str, Any]]
    diff: Mapped[list[Any]]


class CommentRow(Base):
    __tablename__ = "comments"
    __table_args__ = (
        CheckConstraint(one_of("anchor_kind", AnchorKind), name="anchor_kind"),
        CheckConstraint("(anchor_kind IS NULL) = (anchor_id IS NULL)", name="anchor_complete"),
        ForeignKeyConstraint(
            ["journey_id", "journey_version"],
            ["journey_revisions.journey_id", "journey_revisions.version"],
        ),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True)
    journey_id: Mapped[UUID] = mapped_column(ForeignKey("journeys.id"), index=True)
    journey_version: Mapped[int]
    anchor_kind: Mapped[str | None] = mapped_column(String(16))
    anchor_id: Mapped[str | None] = mapped_column(String(80))
    author_id: Mapped[UUID] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    mentions: Mapped[list[Any]]
    created_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]


class ApiTokenRow(Base):
    """An API token; only the SHA-256 of the secret is kept, so a leaked table grants nothing."""

    __tablename__ = "api_tokens"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    user_id: Mapped[UUID] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class SessionRow(Base):
    """A browser login, kept server-side so it can be revoked; the cookie holds only a secret
    whose SHA-256 is `token_hash`. `csrf_hash` is the hash of the token that unsafe requests
    made with this cookie must repeat in a header."""

    __tablename__ = "sessions"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    user_id: Mapped[UUID] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class LoginAttemptRow(Base):
    """One password login attempt, counted per account and per address to slow guessing."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_email_at", "email", "at"),
        Index("ix_login_attempts_address_at", "address", "at"),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]
    succeeded: Mapped[bool]


class AttachmentRow(Base):
    """A file attached to a journey (or one of its steps or evidence items).

    The bytes live in the blob store under `sha256`; several rows may share one blob (the
    same file attached twice), which is removed only when no row refers to it any more.
    """

    __tablename__ = "attachments"
    __table_args__ = (
        CheckConstraint("size >= 0", name="size"),
        CheckConstraint("step_id IS NULL OR evidence_id IS NULL", name="one_anchor"),
        Index("ix_attachments_journey_id_step_id", "journey_id", "step_id"),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True)
    workspace_id: Mapped[UUID] = mapped_column(ForeignKey("workspaces.id"), index=True)
    journey_id: Mapped[UUID] = mapped_column(ForeignKey("journeys.id"))
    step_id: Mapped[str | None] = mapped_column(String(80))
    evidence_id: Mapped[str | None] = mapped_column(String(80))
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    thumbnail_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    uploaded_by: Mapped[UUID | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime]


class ShareLinkRow(Base):
    """A read-only link to one journey; only the SHA-256 of its secret is kept."""

    __tablename__ = "share_links"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    workspace_id: Mapped[UUID] = mapped_column(ForeignKey("workspaces.id"))
    journey_id: Mapped[UUID] = mapped_column(ForeignKey("journeys.id"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(200))
    created_by: Mapped[UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class PersonaRow(Base):
    """A workspace persona; its content is the `Persona` document, whole, as JSON."""

    __tablename__ = "personas"
    __table_args__ = (UniqueConstraint("workspace_id", "slug"),)

    id: Mapped[UUID] = mapped_column(primary_key=True)
    workspace_id: Mapped[UUID] = mapped_column(ForeignKey("workspaces.id"), index=True)
    slug: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text)
    content: Mapped[dict[str, Any]]
    version: Mapped[int]
    created_at: Mapped[datetime]
    created_by: Mapped[UUID | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime]
    updated_by: Mapped[UUID | None] = mapped_column(ForeignKey("users.id"))


class EvidenceImportRow(Base):
    """One import of an evidence file: who ran it, from which file, and what became of it."""

    __tablename__ = "evidence_imports"
    __table_args__ = (
        CheckConstraint(one_of("source", EvidenceSource), name="source"),
        CheckConstraint(one_of("imported_via", ImportChannel), name="imported_via"),
        CheckConstraint("imported >= 0 AND rejected >= 0 AND unmapped >= 0", name="counts"),
        Index("ix_evidence_imports_journey_id_imported_at", "journey_id", "imported_at"),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True)
    workspace_id: Mapped[UUID] = mapped_column(ForeignKey("workspaces.id"))
    journey_id: Mapped[UUID] = mapped_column(ForeignKey("journeys.id"))
    source: Mapped[str] = mapped_column(String(16))
    file_name: Mapped[str] = mapped_column(String(255))
    imported_by: Mapped[UUID | None] = mapped_column(ForeignKey("users.id"))
    imported_via: Mapped[str] = mapped_column(String(8))
    imported_at: Mapped[datetime]
    imported: Mapped[int]
    rejected: Mapped[int]
    unmapped: Mapped[int]
    redactions: Mapped[int]
    options: Mapped[dict[str, Any]]


class EvidenceRow(Base):
    """One evidence item. The columns are the item's fields, flat, so the per-step queries
    (counts, departments, the unmapped queue) are plain SQL on every backend; `files` keeps
    the item's attachments (ids and hashes) as JSON.

    `step_id` NULL is an item waiting for a person to choose its step (the unmapped queue);
    `assigned_by`/`assigned_at` record who placed an item by hand.
    """

    __tablename__ = "evidence_items"
    __table_args__ = (
        CheckConstraint(one_of("kind", EvidenceKind), name="kind"),
        CheckConstraint(one_of("mapping", MappingMethod), name="mapping"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence"),
        CheckConstraint("nps IS NULL OR (nps >= 0 AND nps <= 10)", name="nps"),
        CheckConstraint("csat IS NULL OR (csat >= 1 AND csat <= 5)", name="csat"),
        CheckConstraint("ces IS NULL OR (ces >= 1 AND ces <= 7)", name="ces"),
        CheckConstraint(
            "sentiment IS NULL OR (sentiment >= -1 AND sentiment <= 1)", name="sentiment"
        ),
        Index("ix_evidence_items_journey_id_step_id", "journey_id", "step_id"),
        Index(
            "ix_evidence_items_unmapped",
            "journey_id",
            "imported_at",
            sqlite_where="step_id IS NULL",
            postgresql_where="step_id IS NULL",
        ),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True)
    workspace_id: Mapped[UUID] = mapped_column(ForeignKey("workspaces.id"))
    journey_id: Mapped[UUID] = mapped_column(ForeignKey("journeys.id"))
    batch_id: Mapped[UUID | None] = mapped_column(ForeignKey("evidence_imports.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    step_id: Mapped[str | None] = mapped_column(String(80))
    mapping: Mapped[str] = mapped_column(String(16))
    confidence: Mapped[float] = mapped_column(Float)
    candidate: Mapped[str | None] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text)
    scored_text: Mapped[str | None] = mapped_column(Text)
    nps: Mapped[int | None] = mapped_column(SmallInteger)
    csat: Mapped[int | None] = mapped_column(SmallInteger)
    ces: Mapped[int | None] = mapped_column(SmallInteger)
    sentiment: Mapped[float | None] = mapped_column(Float)
    author: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    department: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(Text)
    occurred_at: Mapped[datetime | None]
    touchpoint: Mapped[str | None] = mapped_column(Text)
    external_id: Mapped[str] = mapped_column(Text)
    source_row: Mapped[int]
    files: Mapped[list[Any]]
    redacted: Mapped[bool]
    imported_at: Mapped[datetime]
    assigned_by: Mapped[UUID | None] = mapped_column(ForeignKey("users.id"))
    assigned_at: Mapped[datetime | None]
