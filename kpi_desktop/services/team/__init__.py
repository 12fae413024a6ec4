"""The team workspace on a PostgreSQL server: connecting, schema, errors, copy, roles, locks
and change notices. May import services' shared modules, store and domain; never Qt."""
