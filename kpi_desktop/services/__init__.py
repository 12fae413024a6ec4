"""Use cases over a workspace. Each public call is one transaction."""
