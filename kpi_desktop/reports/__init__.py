"""Reports: chart rendering and document exports."""
