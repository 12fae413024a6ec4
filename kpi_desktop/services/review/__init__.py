"""Review meetings and their actions, and what the meeting report gathers.

May import other service packages, store and domain.
"""
