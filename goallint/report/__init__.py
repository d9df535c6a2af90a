"""``goallint report``: a report model computed in Python, laid out by Jinja templates."""

LANGUAGES = ("en", "nb")  # the languages goallint's own text comes in (labels, statuses, messages)
