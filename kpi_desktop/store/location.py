"""Where a workspace lives: a SQLite file or a database on a PostgreSQL server.

The one place that tells a file from a server URL: everything that accepts a workspace
(the CLI's WORKSPACE, File > Open Recent, Connect to team workspace) parses what it was
given with :meth:`WorkspaceLocation.parse` and asks the value, never the string.
A password typed into a URL is kept only in memory: `display` and `remembered` drop it, so
it is never shown, logged or written to the recent list (libpq's PGPASSWORD and ~/.pgpass
are the places to keep one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

SERVER_SCHEMES = ("postgresql:/", "postgres:/", "postgresql+psycopg:/")


class BadLocation(ValueError):
    """A postgresql:// URL that cannot be read (a bad port, no database name)."""


@dataclass(frozen=True)
class WorkspaceLocation:
    """A workspace file (`path`) or a server database (`url`, password kept apart)."""

    path: Path | None = None
    url: URL | None = None
    password: str | None = field(default=None, repr=False, compare=False)

    @classmethod
    def parse(cls, where: str | Path | WorkspaceLocation) -> WorkspaceLocation:
        if isinstance(where, WorkspaceLocation):
            return where
        if not is_server_url(str(where)):
            return cls(path=Path(where))
        text = str(where).strip()
        scheme, _, rest = text.partition(":/")
        if not rest.startswith("/"):  # a URL that went through Path(): one slash left
            text = f"{scheme}://{rest}"
        try:
            url = make_url(text)
        except (ArgumentError, ValueError) as exc:
            raise BadLocation(f"{_mask(str(where))} is not a server URL ({exc})") from exc
        if not url.database:
            raise BadLocation(
                f"{_mask(str(where))} names no database: add it at the end "
                "(postgresql://user@host:5432/dbname)"
            )
        password = url.password if isinstance(url.password, str) else None
        url = url.set(drivername="postgresql+psycopg", password=None)
        return cls(url=url, password=password)

    @property
    def is_server(self) -> bool:
        return self.url is not None

    @property
    def server(self) -> str:
        """host:port of a server location ("" for a file)."""
        if self.url is None:
            return ""
        return f"{self.url.host or 'localhost'}:{self.url.port or 5432}"

    @property
    def display(self) -> str:
        """What the user sees: the file's path, or postgresql://user@host:port/db."""
        if self.url is None:
            assert self.path is not None
            return str(self.path)
        user = f"{self.url.username}@" if self.url.username else ""
        return f"postgresql://{user}{self.server}/{self.url.database}"

    @property
    def remembered(self) -> str:
        """What the recent list keeps: the display form, never a password."""
        return self.display

    @property
    def name(self) -> str:
        """A short name: the file's stem or the database's name."""
        if self.url is None:
            assert self.path is not None
            return self.path.stem
        return str(self.url.database)

    @property
    def stand_in_path(self) -> Path:
        """A path for code that names outputs after the workspace: the file itself, or, for
        a server, its URL as a Path (``postgresql:/user@host:port/db``: the stem is the
        database's name, and `parse` reads it back as the URL)."""
        if self.path is not None:
            return self.path
        return Path(self.display)

    def with_password(self, password: str | None) -> WorkspaceLocation:
        return WorkspaceLocation(path=self.path, url=self.url, password=password)

    def engine_url(self) -> URL:
        """The URL to connect with: the password typed in (or remembered in memory for
        this server during this run); without one, libpq looks in its usual places."""
        assert self.url is not None
        password = self.password or _typed_passwords.get(self.display)
        return self.url.set(password=password) if password else self.url

    def remember_password(self) -> None:
        """Keep this location's typed password in memory until the app quits (so Open
        Recent and reconnects need not ask again); never written anywhere."""
        if self.password:
            _typed_passwords[self.display] = self.password

    def with_database(self, database: str) -> WorkspaceLocation:
        assert self.url is not None
        return WorkspaceLocation(url=self.url.set(database=database), password=self.password)

    def __str__(self) -> str:
        return self.display


_typed_passwords: dict[str, str] = {}


def is_server_url(text: str) -> bool:
    return text.strip().lower().startswith(SERVER_SCHEMES)


def _mask(text: str) -> str:
    """The URL with any password replaced by ***, for messages."""
    head, sep, rest = text.partition("://")
    if not sep or "@" not in rest:
        return text
    cred, at, host = rest.rpartition("@")
    user, colon, _ = cred.partition(":")
    return f"{head}://{user}{':***' if colon else ''}{at}{host}"
