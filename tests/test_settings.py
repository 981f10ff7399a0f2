"""Settings: defaults under the data directory, the environment, explicit values."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxmap.model.errors import InvalidInputError
from cxmap.settings import Settings, load_settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("CXMAP_DATA_DIR", "CXMAP_DATABASE_URL", "CXMAP_ATTACHMENTS_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)


def test_defaults_follow_the_xdg_data_directory(tmp_path: Path) -> None:
    settings = Settings()
    data = tmp_path / "home" / ".local" / "share" / "cxmap"
    assert settings.data_dir == data
    assert settings.database_url == f"sqlite:///{data}/cxmap.db"
    assert settings.database_url.startswith("sqlite:////")  # an absolute path
    assert settings.attachments_dir == data / "attachments"


def test_xdg_data_home_moves_the_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert Settings().data_dir == tmp_path / "xdg" / "cxmap"


def test_the_environment_sets_each_value(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CXMAP_DATA_DIR", str(tmp_path / "data"))
    settings = Settings()
    assert settings.database_url == f"sqlite:///{tmp_path}/data/cxmap.db"
    assert settings.attachments_dir == tmp_path / "data" / "attachments"
    monkeypatch.setenv("CXMAP_DATABASE_URL", "postgresql+psycopg://cx@db/cx")
    monkeypatch.setenv("CXMAP_ATTACHMENTS_DIR", str(tmp_path / "files"))
    settings = Settings()
    assert settings.database_url == "postgresql+psycopg://cx@db/cx"
    assert settings.attachments_dir == tmp_path / "files"
    assert settings.data_dir == tmp_path / "data"


def test_explicit_values_win_over_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CXMAP_DATA_DIR", str(tmp_path / "env"))
    settings = Settings(data_dir=tmp_path / "given")
    assert settings.data_dir == tmp_path / "given"
    assert settings.database_url == f"sqlite:///{tmp_path}/given/cxmap.db"


def test_a_home_relative_data_dir_is_expanded(tmp_path: Path) -> None:
    assert Settings(data_dir="~/cx").data_dir == tmp_path / "home" / "cx"


def test_settings_cannot_be_changed_once_made() -> None:
    settings = Settings()
    with pytest.raises(ValueError, match="frozen"):
        settings.database_url = "sqlite:///elsewhere.db"  # type: ignore[misc]


def test_bad_settings_name_the_setting() -> None:
    with pytest.raises(InvalidInputError) as caught:
        load_settings(data_dir=3, colour="red")
    assert caught.value.lines() == [
        "settings: data_dir: Input is not a valid path for <class 'pathlib.Path'>",
        "settings: colour: unknown setting",
    ]
