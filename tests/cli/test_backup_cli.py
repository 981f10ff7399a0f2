"""`cxmap backup` / `cxmap restore`: a round trip through the command line, and refusals
that print one line, exit 1 and change nothing."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import Result
from typer.testing import CliRunner

from cxmap.cli.main import app
from cxmap.settings import Settings
from tests.services.test_backup import populate, state

runner = CliRunner()


def run(data_dir: Path, *args: str) -> Result:
    """The command as a user runs it, with the data directory from the environment."""
    environment = {
        "CXMAP_DATA_DIR": str(data_dir),
        "CXMAP_DATABASE_URL": "",
        "CXMAP_ATTACHMENTS_DIR": "",
    }
    result = runner.invoke(app, list(args), env=environment)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def populated(data_dir: Path, slug: str) -> Settings:
    settings = Settings(data_dir=data_dir)
    populate(settings, slug)
    return settings


def test_backup_then_restore_into_a_fresh_data_directory(tmp_path: Path) -> None:
    source = populated(tmp_path / "source", "retail")
    archive = tmp_path / "nightly.tar.gz"
    result = run(source.data_dir, "backup", str(archive))
    assert result.exit_code == 0, result.output
    summary = re.fullmatch(
        rf"wrote {re.escape(str(archive))}: 1 workspace, 1 journey, 3 attachments, "
        r"3 files \(([\d,]+) bytes\)\n",
        result.stderr,
    )
    assert summary is not None, result.stderr
    assert int(summary.group(1).replace(",", "")) == sum(
        len(data) for data in state(source)["blobs"].values()
    )

    fresh = tmp_path / "fresh"
    result = run(fresh, "restore", str(archive))
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        r"restored the backup of \d{4}-\d\d-\d\d \d\d:\d\d UTC: 1 workspace, 1 journey, "
        r"3 attachments, 3 files \([\d,]+ bytes\)\n",
        result.stderr,
    )
    assert state(Settings(data_dir=fresh)) == state(source)


def test_restoring_over_data_needs_force(tmp_path: Path) -> None:
    source = populated(tmp_path / "source", "retail")
    archive = tmp_path / "nightly.tar.gz"
    assert run(source.data_dir, "backup", str(archive)).exit_code == 0
    target = populated(tmp_path / "target", "bank")
    before = state(target)
    result = run(target.data_dir, "restore", str(archive))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {target.data_dir / 'cxmap.db'} (attachments in ")
    assert line.endswith("; pass --force to replace it")
    assert state(target) == before
    assert run(target.data_dir, "restore", "--force", str(archive)).exit_code == 0
    assert state(target) == state(source)


def test_a_damaged_archive_is_one_error_line_and_changes_nothing(tmp_path: Path) -> None:
    source = populated(tmp_path / "source", "retail")
    archive = tmp_path / "nightly.tar.gz"
    assert run(source.data_dir, "backup", str(archive)).exit_code == 0
    data = archive.read_bytes()
    middle = len(data) // 2
    archive.write_bytes(data[:middle] + bytes([data[middle] ^ 0x55]) + data[middle + 1 :])
    target = populated(tmp_path / "target", "bank")
    before = state(target)
    result = run(target.data_dir, "restore", "--force", str(archive))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {archive}: ")
    assert line.endswith("; nothing was restored")
    assert state(target) == before


def test_backup_refuses_to_overwrite_and_restore_needs_a_file(tmp_path: Path) -> None:
    source = populated(tmp_path / "source", "retail")
    archive = tmp_path / "nightly.tar.gz"
    archive.write_bytes(b"yesterday's backup")
    result = run(source.data_dir, "backup", str(archive))
    assert result.exit_code == 1
    assert result.stderr == f"error: {archive}: already exists; pass --force to overwrite it\n"
    assert archive.read_bytes() == b"yesterday's backup"
    missing = tmp_path / "nowhere.tar.gz"
    result = run(tmp_path / "fresh", "restore", str(missing))
    assert (result.exit_code, result.stderr) == (1, f"error: {missing}: no such file\n")
