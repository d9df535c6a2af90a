"""A plugin that fails to import, as a real one can."""

import goallint_module_that_does_not_exist  # noqa: F401
