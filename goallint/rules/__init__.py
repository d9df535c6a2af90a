"""The built-in SMART rule catalog: one module per letter, one class per rule.

Importing this package registers every built-in rule.
"""

from . import achievable, errors, history, measurable, relevant, specific, timebound  # noqa: F401
