"""L2 engine: reading what comes in (journey files, Mermaid diagrams, later evidence and logs)."""
