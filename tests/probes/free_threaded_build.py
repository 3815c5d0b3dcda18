#!/usr/bin/env python3
"""From 3.13 CPython can be built without the GIL, and says which build runs."""

import sys
import sysconfig

if __name__ == "__main__":
    flag = sysconfig.get_config_var("Py_GIL_DISABLED")
    if sys.version_info >= (3, 13):
        # 0 on the standard build, 1 on the free-threaded one.
        assert flag in (0, 1), flag
        assert sys._is_gil_enabled() is (flag == 0 or sys.flags.gil == 1)
    else:
        assert flag is None and not hasattr(sys, "_is_gil_enabled")
