"""The language in use and `translate(context, text)` for texts built outside Qt widgets.

Reports, the deck and the services' explanations mark their texts with
`translate("Context", "English text")` (the same call `pyside6-lupdate` extracts), so the
German lives in the one `.ts` file the GUI uses. The catalogue reads that XML file itself:
no Qt below the UI. English (or an unknown language) returns the text unchanged.
"""

from __future__ import annotations

from functools import cache

#: Languages the app ships, code -> the language's own name (Preferences lists these).
LANGUAGES = {"en": "English", "de": "Deutsch"}
DEFAULT = "en"

_current = DEFAULT


def supported(code: str | None) -> str | None:
    """`"de_DE"`, `"de-AT"` or `"DE"` -> `"de"`; None when the app has no such language."""
    if not code:
        return None
    short = code.replace("-", "_").split("_")[0].split(".")[0].lower()
    return short if short in LANGUAGES else None


def set_language(code: str) -> str:
    """Use `code` for translate() and the number and date style (domain/formatting.py reads
    language()); returns the code in use."""
    global _current
    _current = supported(code) or DEFAULT
    return _current


def language() -> str:
    return _current


def translate(context: str, text: str) -> str:
    """`text` in the language in use (the English itself when there is no translation)."""
    if _current == DEFAULT:
        return text
    table = messages(_current)
    return table.get((context, text)) or table.get(("", text)) or text


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate reads
    """Marks `text` for the `.ts` file under `context` (translated later, where it is shown)."""
    return text


@cache
def messages(code: str) -> dict[tuple[str, str], str]:
    """(context, English) -> finished translation, from resources/translations/*_CODE.ts;
    ("", English) holds the first translation of a text in any context."""
    import defusedxml.ElementTree as ElementTree

    from kpi_desktop.paths import resource

    node = resource("translations", f"kpi_desktop_{code}.ts")
    if not node.is_file():
        return {}
    root = ElementTree.fromstring(node.read_bytes())
    table: dict[tuple[str, str], str] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source")
            item = message.find("translation")
            if source is None or item is None or item.get("type") in ("unfinished", "obsolete"):
                continue
            text = item.text or ""
            if text:
                table[(name, source)] = text
                table.setdefault(("", source), text)
    return table


def in_sentence(label: str) -> str:
    """A label as it reads inside a sentence: lower case in English ("3 at risk"), as it is
    in German, where nouns keep their capital ("3 vom Kurs ab")."""
    return label.lower() if _current == DEFAULT else label
