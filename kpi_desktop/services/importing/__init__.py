"""Importing values from CSV and XLSX: reading, planning, checking, writing.

May import services' shared modules, store and domain.
"""
