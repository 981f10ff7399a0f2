"""The API's OpenAPI document as a file: `python -m cxmap.api.openapi_export web/openapi.json`.

The web app's typed client is generated from that file (openapi-typescript writes
`web/src/api/schema.d.ts`), and a test compares the committed file with the document the
server makes, so the client can never call an API that has moved on without a test failing.
The document depends only on the code, never on a database or the environment, so a
throwaway data folder is enough to build the app that makes it.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from cxmap.api.app import create_app
from cxmap.settings import Settings

USAGE = "usage: python -m cxmap.api.openapi_export OUTPUT.json"


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document `cxmap serve` publishes at /openapi.json."""
    with tempfile.TemporaryDirectory(prefix="cxmap-openapi-") as folder:
        app = create_app(Settings(data_dir=Path(folder)))
        try:
            return app.openapi()
        finally:
            app.state.server.close()


def openapi_text() -> str:
    """The document as the committed file spells it (stable, so diffs show real changes)."""
    return json.dumps(openapi_document(), indent=2, ensure_ascii=False) + "\n"


def main(arguments: list[str]) -> int:
    if len(arguments) != 1:
        print(USAGE, file=sys.stderr)
        return 2
    target = Path(arguments[0])
    partial = target.with_name(f".{target.name}.partial")
    partial.write_text(openapi_text(), encoding="utf-8")
    partial.replace(target)  # renamed into place: never a half-written document
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
