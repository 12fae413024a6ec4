"""The command line's subcommands, one module per part of the job (planning, tracking, exports).

Each module declares its subcommands' arguments and runs them through the services and
reports; they may import services, reports and domain, never the UI.
"""
