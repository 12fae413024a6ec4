"""Storage: SQLModel tables, the engine with its SQLite pragmas, Alembic migrations."""
