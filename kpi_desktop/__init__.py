"""KPI Desktop: set, track and achieve strategic KPIs."""

__version__ = "0.1.0"
