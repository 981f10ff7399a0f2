"""Saving files: atomic, and with the permissions of an ordinary saved file."""

from __future__ import annotations

from pathlib import Path

from cxmap.services.journey_files import write_atomically


def test_written_files_are_readable_by_others_like_any_saved_file(tmp_path: Path) -> None:
    target = tmp_path / "map.svg"
    write_atomically(target, b"<svg/>")
    assert target.stat().st_mode & 0o777 == 0o644


def test_rewriting_a_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "map.svg"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_atomically(target, b"<svg></svg>")
    assert (target.read_bytes(), target.stat().st_mode & 0o777) == (b"<svg></svg>", 0o600)
