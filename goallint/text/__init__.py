"""Words and sentences: the vocabulary, stemming and the goal-sentence parser goallint shares.

The title rule (S003), the statement linter and the messages all read words through this
package, so they cannot drift apart. Word lists are data (``data/en.json``, ``data/nb.json``);
the stemmer is imported only when a word has to be stemmed, and the parser (with its date
patterns) only when something asks for it, so `check` pays for neither on ordinary titles.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .lexicon import LANGUAGES, Lexicon, Term, WordList, detect_language, lexicon, tokens

if TYPE_CHECKING:
    from .sentence import Deadline, Quantity, Spanned, Statement, parse

_LAZY = {"Deadline", "Quantity", "Spanned", "Statement", "parse"}

__all__ = [
    "LANGUAGES", "Deadline", "Lexicon", "Quantity", "Spanned", "Statement", "Term", "WordList",
    "detect_language", "lexicon", "parse", "tokens",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(".sentence", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
