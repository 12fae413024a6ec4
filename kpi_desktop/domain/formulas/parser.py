"""The formula language of a calculated KPI, read without Python's ``eval``.

    formula  := sum_expr
    sum_expr := term (("+" | "-") term)*
    term     := unary (("*" | "/") unary)*
    unary    := "-" unary | "+" unary | atom
    atom     := NUMBER | "[" KPI name "]" | "(" sum_expr ")"
              | ("sum" | "avg" | "min" | "max") "(" sum_expr ("," sum_expr)* ")"
              | "prev" "(" "[" KPI name "]" ")"

A KPI name is written in square brackets (``[Gross profit]``); a ``]`` inside a name is
doubled (``[a]]b]`` names ``a]b``). Numbers take a decimal point (``100``, ``0.5``,
``1e3``); function names ignore case. ``prev([X])`` is X's value in the period before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

FUNCTIONS = ("sum", "avg", "min", "max")


class FormulaError(ValueError):
    """A formula that cannot be read, with where (0-based character index) it went wrong."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


@dataclass(frozen=True, slots=True)
class Number:
    value: float


@dataclass(frozen=True, slots=True)
class Ref:
    """A KPI by name: its value in the same period, or (``previous``) in the one before."""

    name: str
    previous: bool = False


@dataclass(frozen=True, slots=True)
class Negate:
    operand: Node


@dataclass(frozen=True, slots=True)
class Binary:
    op: str  # one of + - * /
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Call:
    function: str  # one of FUNCTIONS
    args: tuple[Node, ...]


Node = Number | Ref | Negate | Binary | Call

_TOKEN = re.compile(
    r"\s*(?:(?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)"
    r"|(?P<name>\[(?:[^\]]|\]\])*\])"
    r"|(?P<word>[A-Za-z_]+)"
    r"|(?P<op>[-+*/(),]))"
)


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # number, name, word, op, end
    text: str
    position: int


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            at = pos + (len(text[pos:]) - len(text[pos:].lstrip()))
            if text[at] == "[":
                raise FormulaError(
                    f"A KPI name opened at character {at + 1} is not closed with ]", at
                )
            raise FormulaError(f"Unexpected {text[at]!r} at character {at + 1}", at)
        kind = m.lastgroup or "op"
        start = m.start(kind)
        out.append(_Token(kind, m.group(kind), start))
        pos = m.end()
    out.append(_Token("end", "", len(text)))
    return out


class _Reader:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.i = 0

    @property
    def peek(self) -> _Token:
        return self.tokens[self.i]

    def take(self) -> _Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expect(self, text: str, what: str) -> None:
        tok = self.take()
        if tok.text != text:
            found = "the end" if tok.kind == "end" else repr(tok.text)
            raise FormulaError(
                f"Expected {what} at character {tok.position + 1}, found {found}", tok.position
            )

    def sum_expr(self) -> Node:
        node = self.term()
        while self.peek.text in ("+", "-") and self.peek.kind == "op":
            op = self.take().text
            node = Binary(op, node, self.term())
        return node

    def term(self) -> Node:
        node = self.unary()
        while self.peek.text in ("*", "/") and self.peek.kind == "op":
            op = self.take().text
            node = Binary(op, node, self.unary())
        return node

    def unary(self) -> Node:
        if self.peek.kind == "op" and self.peek.text in ("-", "+"):
            op = self.take().text
            inner = self.unary()
            return Negate(inner) if op == "-" else inner
        return self.atom()

    def atom(self) -> Node:
        tok = self.take()
        if tok.kind == "number":
            return Number(float(tok.text))
        if tok.kind == "name":
            return Ref(_name_of(tok))
        if tok.kind == "op" and tok.text == "(":
            node = self.sum_expr()
            self.expect(")", "a closing )")
            return node
        if tok.kind == "word":
            word = tok.text.lower()
            if word == "prev":
                self.expect("(", "( after prev")
                inner = self.take()
                if inner.kind != "name":
                    raise FormulaError(
                        f"prev() takes one KPI in square brackets, as in prev([Revenue]) "
                        f"(character {inner.position + 1})",
                        inner.position,
                    )
                self.expect(")", "a closing ) after prev([...]")
                return Ref(_name_of(inner), previous=True)
            if word in FUNCTIONS:
                self.expect("(", f"( after {word}")
                args = [self.sum_expr()]
                while self.peek.text == ",":
                    self.take()
                    args.append(self.sum_expr())
                self.expect(")", f"a closing ) after the arguments of {word}")
                return Call(word, tuple(args))
            raise FormulaError(
                f"Unknown function {tok.text!r} at character {tok.position + 1} (known: "
                f"{', '.join(FUNCTIONS)}, prev); write KPI names in square brackets, "
                f"as in [{tok.text}]",
                tok.position,
            )
        found = "the end of the formula" if tok.kind == "end" else repr(tok.text)
        raise FormulaError(
            f"Expected a number, a [KPI name] or ( at character {tok.position + 1}, found {found}",
            tok.position,
        )


def _name_of(tok: _Token) -> str:
    name = tok.text[1:-1].replace("]]", "]").strip()
    if not name:
        raise FormulaError(f"Empty KPI name [] at character {tok.position + 1}", tok.position)
    return name


def parse(text: str) -> Node:
    """The formula's tree; FormulaError with a position when it cannot be read."""
    if not text.strip():
        raise FormulaError("The formula is empty", 0)
    reader = _Reader(text)
    node = reader.sum_expr()
    tok = reader.peek
    if tok.kind != "end":
        raise FormulaError(f"Unexpected {tok.text!r} at character {tok.position + 1}", tok.position)
    if not any(not r.previous for r in refs(node)):
        raise FormulaError(
            "A formula needs at least one KPI in square brackets outside prev(), as in [Revenue]"
        )
    return node


def refs(node: Node) -> Iterator[Ref]:
    """Every KPI reference of the tree, left to right."""
    if isinstance(node, Ref):
        yield node
    elif isinstance(node, Negate):
        yield from refs(node.operand)
    elif isinstance(node, Binary):
        yield from refs(node.left)
        yield from refs(node.right)
    elif isinstance(node, Call):
        for arg in node.args:
            yield from refs(arg)


def names(node: Node) -> list[str]:
    """The KPI names a formula uses, each once, in the order they first appear."""
    seen: dict[str, None] = {}
    for ref in refs(node):
        seen.setdefault(ref.name, None)
    return list(seen)


def quote_name(name: str) -> str:
    return "[" + name.replace("]", "]]") + "]"


def rename(text: str, same: Callable[[str], bool], new_name: str) -> str:
    """`text` with every [name] for which `same(name)` holds written as [new_name]; the
    rest of the text (spaces, numbers as typed) unchanged."""
    out: list[str] = []
    pos = 0
    for tok in _tokens(text):
        if tok.kind == "name" and same(_name_of(tok)):
            out.append(text[pos : tok.position])
            out.append(quote_name(new_name))
            pos = tok.position + len(tok.text)
    out.append(text[pos:])
    return "".join(out)
