"""Shared Qt parts: form messages, inputs, bindings, the auto-saving form, a message bar.

May import services and domain; no feature package.
"""
