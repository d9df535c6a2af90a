"""Words and sentences: the vocabulary, stemming and the goal-sentence parser goallint shares.

The title rule (S003), the statement linter and the messages all read words through this
package, so they cannot drift apart. Word lists are data (``data/en.json``, ``data/nb.json``);
the stemmer is imported only when a word has to be stemmed.
"""

from __future__ import annotations

from .lexicon import LANGUAGES, Lexicon, Term, WordList, detect_language, lexicon, tokens
from .parse import Deadline, Quantity, Spanned, Statement, parse

__all__ = [
    "LANGUAGES", "Deadline", "Lexicon", "Quantity", "Spanned", "Statement", "Term", "WordList",
    "detect_language", "lexicon", "parse", "tokens",
]
