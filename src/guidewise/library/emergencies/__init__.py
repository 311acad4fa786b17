"""The emergency catalogue: each emergency's disposition, first actions and citations, as validated data."""
