"""goallint: lint goals-as-code against the SMART criteria."""

__version__ = "0.2.0"
__homepage__ = "https://github.com/goallint/goallint"
