"""The one exception the library raises for what the caller asked for.

:class:`InputError` is a problem with the request itself (a path that does not exist, a year
out of range, an unknown code): the command line turns it into a French message and exit
code 2. Problems *in* the files are never exceptions: they are diagnostics.
"""


class InputError(Exception):
    """A problem with what the user asked for (missing path, malformed option…): exit code 2."""
