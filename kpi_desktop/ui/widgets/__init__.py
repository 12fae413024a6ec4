"""Small shared Qt parts: self-saving form fields, a flow layout, text alignments.

May import services and domain; no feature package.
"""
