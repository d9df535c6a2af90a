"""Commands whose work is more than a call into the library: their I/O lives here, cli.py only hooks them."""
