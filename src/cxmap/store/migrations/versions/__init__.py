"""One module per migration, oldest first (`revision` / `down_revision` chain them)."""
