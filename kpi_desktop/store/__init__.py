"""Storage: SQLModel tables, the engine with its SQLite pragmas, Alembic migrations.

May import the domain only; never Qt, services, reports or ui.
"""
