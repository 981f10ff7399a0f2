"""The workspace server's REST API (L4, beside the CLI): FastAPI, `create_app(settings)`."""

from cxmap.api.app import create_app

__all__ = ["create_app"]
