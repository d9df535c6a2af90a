"""The language server: goallint's findings, rule docs and fixes inside an editor.

Optional: it needs the ``lsp`` extra (``pip install 'goallint[lsp]'``), which brings
pygls and lsprotocol. ``positions`` and ``engine`` need neither; ``server`` wires them
to the protocol.
"""

from __future__ import annotations


class MissingExtra(Exception):
    """The lsp extra is not installed; the message says how to install it."""


def serve() -> None:
    """Speak LSP over standard input and output until the editor says exit."""
    try:
        from .server import build_server
    except ImportError as exc:
        raise MissingExtra(f"the language server needs the lsp extra: pip install 'goallint[lsp]' ({exc})") from None
    build_server().start_io()
