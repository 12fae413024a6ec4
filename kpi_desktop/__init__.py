"""KPI Desktop: set, track and achieve strategic KPIs.

Entry points here (cli.py, __main__.py, paths.py); the layers below: ui > reports > services
> store > domain, each importing only downwards (pyproject.toml, [tool.importlinter]).
"""

__version__ = "0.1.0"
