"""Sphinx extension: names from multiprocessing and concurrent.futures link in code too.

sphinx-codeautolink links a name in a script to the place where the object
really lives, ``multiprocessing.context.Process`` say, while the Python docs
document it under the name readers use, ``multiprocessing.Process``. Such
names stayed unlinked. This extension maps each real place to the documented
name, for every documented name of the two packages, and gives the map to
sphinx-codeautolink (``codeautolink_inventory_map``).
"""

import hashlib
import importlib
import json
import os
import posixpath
import sys
import tempfile
from pathlib import Path

from sphinx.util.inventory import InventoryFile

PACKAGES = ("multiprocessing", "concurrent.futures")


def documented_names(inventory):
    """The Python-domain names of the two packages in an objects.inv file."""
    with open(inventory, "rb") as f:
        loaded = InventoryFile.load(f, "", posixpath.join)
    entries = loaded.data.items() if hasattr(loaded, "data") else loaded.items()
    return {name for kind, names in entries if kind.startswith("py:")
            for name in names if name.startswith(PACKAGES)}


def _import_longest(parts):
    """The module named by the longest importable head of ``parts``, and its length."""
    for i in range(len(parts), 0, -1):
        try:
            return importlib.import_module(".".join(parts[:i])), i
        except ImportError:
            continue
    return None, 0


def real_place(name):
    """Where the object ``name`` is defined, as sphinx-codeautolink names it, or None."""
    parts = name.split(".")
    obj, i = _import_longest(parts)
    if obj is None:
        return None
    place = obj.__name__
    for attr in parts[i:]:
        try:
            obj = getattr(obj, attr)
        except AttributeError:
            return None
        defined = getattr(obj, "__func__", obj)
        module = getattr(defined, "__module__", None)
        qualname = getattr(defined, "__qualname__", None)
        if isinstance(module, str) and isinstance(qualname, str):
            place = f"{module}.{qualname}"
        else:
            place = f"{place}.{attr}"
    return place


def _object(name):
    """The object a dotted name names, or None."""
    parts = name.split(".")
    obj, i = _import_longest(parts)
    for attr in parts[i:]:
        obj = getattr(obj, attr, None)
    return obj


def inventory_map(inventory):
    """{real place: documented name} for the names whose real place is not documented."""
    documented = documented_names(inventory)
    mapping = {}
    # Shortest first, then by name: the same map on every build, or Sphinx
    # would take it for a change of configuration and rewrite every page.
    for name in sorted(documented, key=lambda n: (len(n), n)):
        place = real_place(name)
        # A function made inside another (SyncManager.dict and .Lock are both
        # BaseManager.register.<locals>.temp) is the place of many names.
        if place and place != name and place not in documented and "<locals>" not in place:
            mapping.setdefault(place, name)
    where = {**mapping, **{name: name for name in documented}}
    for name in sorted(documented, key=lambda n: (len(n), n)):
        # A method that a documented class overrides, such as
        # ProcessPoolExecutor.submit(), is documented on its base class.
        cls = _object(name)
        if not isinstance(cls, type):
            continue
        for attr in vars(cls):
            place = real_place(f"{name}.{attr}")
            if attr.startswith("_") or f"{name}.{attr}" in documented or place in documented:
                continue
            for base in cls.__mro__[1:]:
                base_name = where.get(f"{base.__module__}.{base.__qualname__}")
                if base_name and f"{base_name}.{attr}" in documented:
                    mapping.setdefault(place, f"{base_name}.{attr}")
                    break
    # multiprocessing.Pool() and its kin are methods of the default context
    # that make an object the docs describe elsewhere: multiprocessing.pool.Pool.
    context = _object("multiprocessing.context.BaseContext")
    for attr in vars(context):
        if attr.startswith("_") or f"multiprocessing.{attr}" in documented:
            continue
        homes = sorted(n for n in documented
                       if n.startswith("multiprocessing.") and n.rsplit(".", 1)[-1] == attr)
        if len(homes) == 1:
            mapping.setdefault(f"multiprocessing.context.BaseContext.{attr}", homes[0])
    return mapping


def kept_map(inventory, folder):
    """``inventory_map(inventory)``, kept in ``folder`` for the builds after this one.

    The map depends only on the inventory, this Python and this file, and
    making it imports and walks both packages (0.15 s of the 1.8 s that a
    build takes after an edit). A clean build has no such folder yet, and makes it anew.
    """
    made_from = [Path(inventory).read_bytes(), sys.version.encode(), Path(__file__).read_bytes()]
    key = hashlib.sha256(b"\0".join(made_from)).hexdigest()
    kept = Path(folder) / "apilinks-map.json"
    try:
        saved = json.loads(kept.read_text(encoding="utf-8"))
        if saved["key"] == key:
            return saved["map"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    mapping = inventory_map(inventory)
    kept.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=kept.parent, suffix=".tmp")  # whole or not at all
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump({"key": key, "map": mapping}, out)
    os.replace(tmp, kept)
    return mapping


def add_map(app, config):
    mapping = kept_map(config.apilinks_inventory, app.doctreedir)
    config.codeautolink_inventory_map = {**mapping, **config.codeautolink_inventory_map}


def setup(app):
    app.add_config_value("apilinks_inventory", "", "html", types=[str])
    app.connect("config-inited", add_map)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
