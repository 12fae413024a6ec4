"""Tracking: values, status, scorecard, signals, reminders, achievements, chart data.

May import services.planning, store and domain.
"""
