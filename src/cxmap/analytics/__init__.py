"""L2 engine: behaviour analytics on event logs, one Ibis code path (DuckDB, PostgreSQL, Spark)."""
