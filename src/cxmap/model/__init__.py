"""L1: pure pydantic types and pure functions. No files, no databases, no HTTP."""
