"""L2 engine: everything that goes out (journey YAML/JSON text, Mermaid, SVG, PNG, PDF, HTML)."""
