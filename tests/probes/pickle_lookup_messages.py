#!/usr/bin/env python3
"""How pickle words a module-level lambda and a name missing from __mp_main__, per version."""

import pickle
import sys
import types

square = lambda x: x * x  # noqa: E731

if __name__ == "__main__":
    try:
        pickle.dumps(square)
    except pickle.PicklingError as error:
        text = str(error)
    else:
        raise AssertionError("a lambda pickled")
    assert text.startswith("Can't pickle <function <lambda> at 0x"), text
    if sys.version_info >= (3, 14):
        assert text.endswith(">: it's not found as __main__.<lambda>"), text
    else:
        assert text.endswith(">: attribute lookup <lambda> on __main__ failed"), text
    # What a spawned worker meets: its __main__ is the script imported as __mp_main__.
    module = types.ModuleType("__mp_main__")
    module.__file__ = "/path/to/script.py"
    sys.modules["__main__"] = module
    try:
        pickle.loads(b"c__main__\nsquare\n.")  # the function square of module __main__
    except AttributeError as error:
        text = str(error)
    else:
        raise AssertionError("a missing function was found")
    if sys.version_info >= (3, 14):
        assert text == "module '__mp_main__' has no attribute 'square'", text
    else:
        assert text == ("Can't get attribute 'square' on "
                        "<module '__mp_main__' from '/path/to/script.py'>"), text
