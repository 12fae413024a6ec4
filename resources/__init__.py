"""Shipped resources: help pages, templates, icons, demo data."""
