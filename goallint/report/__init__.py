"""``goallint report``: a report model computed in Python, laid out by Jinja templates."""
