"""Finding messages that remember their English template, so a report can say them in its own language.

A rule writes ``msg("owner '{owner}' is a placeholder", owner=owner)``. The value *is* the
English text (a ``str``), so every output format stays as it was; it also keeps its template
and arguments, and ``goallint/report/i18n.py`` looks the template up in the ``findings``
gettext catalog and fills in the same arguments. An argument that is itself wording ("goal",
"increase") is a ``msg`` too, and is translated with it; numbers, ids, keys, dates and what
the file says are passed as they are.

The templates are extracted from the source with ``pybabel extract -k msg --no-default-keywords``
into the ``findings`` catalog (the README gives the whole command), so a template must be a
literal string. A plugin's plain-string messages are ordinary ``str`` and pass through untranslated.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Message(str):
    """An English finding message with its template and named arguments.

    It is made only when a rule finds something, so it is kept cheap: one ``str.format``
    and two attributes, about 1.5 us more than an f-string. On benchmarks/rules.py's
    10,000 goals the rules make 0.58 messages a goal, about 1.5 us of their 85 us a goal.
    It survives pickling (``--jobs`` workers send findings back).
    """

    __slots__ = ("args", "template")  # no instance dict: a run at 10,000 goals makes some 15,000 messages

    template: str
    args: dict[str, object]

    def __reduce__(self) -> tuple[Callable[..., Message], tuple[str, str, dict[str, object]]]:
        return _rebuilt, (str(self), self.template, self.args)

    def translated(self, lookup: Callable[[str], str], number: Callable[[str], str] | None = None) -> str:
        """The message with its template and wording arguments through ``lookup`` (English -> another language).

        ``number``, when given, rewrites each number as the template formatted it (``1,747.5``) into the
        language's own marks (``1 747,5``).
        """
        args = {key: value.translated(lookup, number) if isinstance(value, Message) else value
                for key, value in self.args.items()}
        template = lookup(self.template)
        if number is None:
            return template.format(**args)
        from .numbered import Numbers

        return Numbers(number).format(template, **args)


def msg(template: str, /, **args: Any) -> Message:
    """The message ``template.format(**args)``, remembering both; the template must be a literal string."""
    made = Message.__new__(Message, template.format(**args))
    made.template = template
    made.args = args
    return made


def _rebuilt(text: str, template: str, args: dict[str, object]) -> Message:
    made = Message.__new__(Message, text)
    made.template = template
    made.args = args
    return made


# What an item is, as a word inside a message ("goal has no owner"): translated with the message.
_KINDS = {"goal": msg("goal"), "objective": msg("objective")}


def kind(name: str) -> str:
    """``item.kind`` as a word of a message."""
    return _KINDS.get(name, name)
