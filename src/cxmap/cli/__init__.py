"""L4: the `cxmap` command. Thin: parse arguments, call one service, shape the output."""
