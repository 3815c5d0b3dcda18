#!/usr/bin/env python3
"""Install the Pythons the article is proven on, and one environment per version.

    python tools/pythons.py [--check]

Python 3.11 to 3.13 come from the machine (pyenv or the PATH). Python 3.14
and 3.15 come from Debian's unstable suite: ``debootstrap`` makes a minimal
root with them in ``.pythons/sid``, and ``patchelf`` points their binaries at
that root's C library, so they run natively on an older Debian. Then:

* ``.pythons/bin/python3.N`` links each Python found, for tox (``paver
  matrix`` puts this folder on the PATH);
* ``.pythons/venvs/3.N`` is an environment per version with the project and
  its dependencies installed, for ``paver cog`` to capture output with the
  newest Python (see ``examplerunner/pythons.py``).

Running it again does only what is missing or out of date. Where a Python
cannot be had (no root, no debootstrap), it says which and why, and the
matrix then reports those versions as missing. ``--check`` only reports;
``--no-venvs`` installs the Pythons without the environments (the matrix
needs only the Pythons: tox makes environments of its own).
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOME = ROOT / ".pythons"
SID = HOME / "sid"
BIN = HOME / "bin"
VENVS = HOME / "venvs"
VERSIONS = ("3.11", "3.12", "3.13", "3.14", "3.15")
FROM_DEBIAN = ("3.14", "3.15")
PACKAGES = [f"python{v}{suffix}" for v in FROM_DEBIAN for suffix in ("", "-venv")]


def say(text):
    print(f"pythons: {text}", flush=True)


def apt_mirror():
    """The Debian mirror apt on this machine uses, or None for debootstrap's default."""
    for source in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")) + \
            ["/etc/apt/sources.list"]:
        try:
            text = Path(source).read_text()
        except OSError:
            continue
        for uri in re.findall(r"^(?:URIs:|deb)\s+(?:\[[^]]*\]\s+)?(\S+)", text, re.MULTILINE):
            if uri.rstrip("/").endswith("/debian"):
                return uri
    return None


def runs(python):
    """The ``3.N`` version ``python`` runs as, or None if it does not run.

    Asked isolated (``-I``) in a clean environment, so a ``PYTHONHOME`` in
    the caller's shell does not make every other Python look missing.
    """
    env = {k: os.environ[k] for k in ("PATH", "LD_LIBRARY_PATH") if k in os.environ}
    try:
        found = subprocess.run([str(python), "-I", "-c", "import sys; print(*sys.version_info"
                                "[:2], sep='.')"], capture_output=True, text=True, timeout=60,
                               env=env, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return found.stdout.strip() if found.returncode == 0 else None


def make_sid_root():
    """Debootstrap a minimal unstable root holding Python 3.14 and 3.15."""
    missing = [tool for tool in ("debootstrap", "patchelf") if not shutil.which(tool)]
    if missing or os.geteuid() != 0:
        why = f"{' and '.join(missing)} not installed" if missing else "not run as root"
        say(f"cannot install Python {' and '.join(FROM_DEBIAN)}: {why} "
            "(Debian: apt-get install debootstrap patchelf, then run this as root)")
        return False
    partial = SID.with_name("sid.partial")
    shutil.rmtree(partial, ignore_errors=True)
    command = ["debootstrap", "--variant=minbase", f"--include={','.join(PACKAGES)}", "sid",
               str(partial)]
    mirror = apt_mirror()
    say(f"installing Python {' and '.join(FROM_DEBIAN)} into {SID} (debootstrap, about a minute)")
    log = HOME / "debootstrap.log"
    with open(log, "w") as out:
        done = subprocess.run(command + ([mirror] if mirror else []), stdout=out, stderr=out)
    if done.returncode:
        say(f"debootstrap failed (exit {done.returncode}); its log is {log}")
        return False
    shutil.rmtree(SID, ignore_errors=True)
    partial.rename(SID)
    return True


def patch_sid_binaries():
    """Make the root's Pythons load the root's own C library, wherever they run from."""
    libs = SID / "usr/lib/x86_64-linux-gnu"
    loader = libs / "ld-linux-x86-64.so.2"
    for version in FROM_DEBIAN:
        binary = SID / f"usr/bin/python{version}"
        current = subprocess.run(["patchelf", "--print-interpreter", str(binary)],
                                 capture_output=True, text=True).stdout.strip()
        if current != str(loader):
            subprocess.run(["patchelf", "--set-interpreter", str(loader), "--force-rpath",
                            "--set-rpath", str(libs), str(binary)], check=True)


def found_pythons():
    """``{"3.N": path}`` for every supported Python found here."""
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    found = {}
    for version in VERSIONS:
        candidates = [SID / f"usr/bin/python{version}"] if version in FROM_DEBIAN else []
        candidates += sorted(pyenv.glob(f"{version}.*/bin/python{version}"), reverse=True)
        candidates += [Path(p) for p in [shutil.which(f"python{version}")] if p]
        for candidate in candidates:
            if candidate.exists() and runs(candidate) == version:
                found[version] = candidate
                break
    return found


def requirements_stamp():
    """What the environments were installed from: a new one means reinstall."""
    return hashlib.sha256((ROOT / "setup.cfg").read_bytes()).hexdigest()[:16]


def make_venv(version, python):
    """``.pythons/venvs/3.N`` with the project installed, unless it is already up to date."""
    venv = VENVS / version
    stamp = venv / ".installed-from"
    if runs(venv / "bin/python") == version and stamp.exists() and \
            stamp.read_text() == requirements_stamp():
        return True
    say(f"making {venv.relative_to(ROOT)} with the project's dependencies")
    shutil.rmtree(venv, ignore_errors=True)
    # Debian's ensurepip would take pip from the host's older wheel, so such an
    # environment is made without pip, and pip runs from the wheel beside its Python.
    wheels = sorted((python.parent.parent / "share/python-wheels").glob("pip-*.whl"))
    without = ["--without-pip"] if wheels else []
    subprocess.run([str(python), "-m", "venv", *without, str(venv)], check=True)
    pip = [f"{wheels[-1]}/pip"] if wheels else ["-m", "pip"]
    done = subprocess.run([str(venv / "bin/python"), *pip, "install", "-q",
                           "--disable-pip-version-check", "-e", str(ROOT)])
    if done.returncode:
        say(f"could not install the project for Python {version}")
        return False
    stamp.write_text(requirements_stamp())
    return True


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report what is installed")
    parser.add_argument("--no-venvs", action="store_true",
                        help="install the Pythons only, not the environments for paver cog")
    options = parser.parse_args(argv)
    check = options.check
    if not check:  # --check only reports: it makes nothing, not even .pythons/
        HOME.mkdir(exist_ok=True)
        (HOME / ".gitignore").write_text("*\n")
    if not check and not all(runs(SID / f"usr/bin/python{v}") == v for v in FROM_DEBIAN):
        if (SID / "usr/bin").exists():
            patch_sid_binaries()
        if not all(runs(SID / f"usr/bin/python{v}") == v for v in FROM_DEBIAN):
            if make_sid_root():
                patch_sid_binaries()
    found = found_pythons()
    ok = True
    if not check:
        BIN.mkdir(exist_ok=True)
        running = f"{sys.version_info[0]}.{sys.version_info[1]}"
        for version, python in found.items():
            link = BIN / f"python{version}"
            if link.is_symlink() or link.exists():
                link.unlink()
            link.symlink_to(python)
            if version != running and not options.no_venvs:  # the running one has its own
                ok = make_venv(version, python) and ok
    for version in VERSIONS:
        where = found.get(version)
        say(f"Python {version}: {where if where else 'MISSING'}")
    missing = [v for v in VERSIONS if v not in found]
    if missing:
        say(f"missing: Python {', '.join(missing)}; the matrix will skip them")
    return 0 if ok and not missing else 1


if __name__ == "__main__":
    sys.exit(main())
