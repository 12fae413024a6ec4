"""Edit > Preferences… (the app's language) and loading the translators at start-up.

May import the i18n catalogue, paths, ui.settings and ui.workspace (the setting dialog).
"""
