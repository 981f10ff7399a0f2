"""L3 use cases: one module per capability, composing the engines; returns model types."""
