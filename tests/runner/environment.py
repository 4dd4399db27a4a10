"""Check what `./msom` needs and install what can be installed.

Odoo itself is brought by bootstrap.py when missing; Python requirements are
installed with pip, and on Debian as root the system packages (Chromium,
wkhtmltopdf, PostgreSQL) with apt-get.
"""

import importlib
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ODOO_MAJOR = 19
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_apt_updated = False


class SetupError(Exception):
    """The environment lacks something we cannot install; exit code 2."""


def say(message):
    print(message, flush=True)


def is_debian_root():
    return (
        os.geteuid() == 0
        and Path("/etc/debian_version").exists()
        and shutil.which("apt-get") is not None
    )


def run_checked(command, **kwargs):
    """Run a setup command, turning a failure into a SetupError."""
    try:
        subprocess.run(command, check=True, **kwargs)
    except (OSError, subprocess.CalledProcessError) as error:
        raise SetupError(f"`{' '.join(command)}` failed: {error}") from error


def apt_install(*packages):
    global _apt_updated
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if not _apt_updated:
        say("Updating the apt package lists…")
        run_checked(["apt-get", "update", "-q"], env=env, stdin=subprocess.DEVNULL)
        _apt_updated = True
    say(f"Installing {', '.join(packages)} with apt-get…")
    run_checked(
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages],
        env=env,
        stdin=subprocess.DEVNULL,
    )


def requirement_names(path):
    """Distribution names in a requirements file (no options, no comments)."""
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.append(re.match(r"[A-Za-z0-9._-]+", line).group())
    return names


def is_distribution_installed(name):
    try:
        importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def is_odoo_addon_available(distribution):
    """True if the addon of an OCA wheel (odoo-addon-<name>) is importable."""
    import odoo.addons

    addon = distribution.removeprefix("odoo-addon-").replace("-", "_")
    return any(
        Path(path, addon, "__manifest__.py").is_file() for path in odoo.addons.__path__
    )


def pip_install(*arguments):
    command = [sys.executable, "-m", "pip", "install", "--disable-pip-version-check"]
    # PEP 668: a distribution's own Python refuses pip unless told otherwise.
    marker = Path(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")
    if marker.exists() and sys.prefix == sys.base_prefix:
        command.append("--break-system-packages")
    if os.geteuid() == 0:
        command.append("--root-user-action=ignore")
    run_checked([*command, *arguments])
    importlib.invalidate_caches()


def ensure_python_requirements(dev_tools=False):
    files = ["requirements.txt", *(["requirements-dev.txt"] if dev_tools else [])]
    for name in files:
        missing = [
            requirement
            for requirement in requirement_names(REPO / name)
            if not is_distribution_installed(requirement)
        ]
        if missing:
            say(f"Installing Python requirements ({', '.join(missing)})…")
            pip_install("-r", str(REPO / name))
    oca_file = REPO / "requirements-oca.txt"
    missing = [
        requirement
        for requirement in requirement_names(oca_file)
        if not is_odoo_addon_available(requirement)
    ]
    if missing:
        # The OCA wheels require `odoo==19.0.*`, which a source checkout of
        # Odoo does not satisfy for pip; their own dependencies are listed in
        # requirements.txt instead.
        say(f"Installing OCA addons ({', '.join(missing)})…")
        pip_install("--no-deps", "-r", str(oca_file))


def ensure_load_tool():
    """locust's command, in a virtual environment of its own (var/load-venv,
    from requirements-load.txt): locust needs newer Flask and Werkzeug than
    Odoo pins, and installing it beside Odoo would replace Odoo's."""
    venv = REPO / "var" / "load-venv"
    locust = venv / "bin" / "locust"
    if not locust.exists():
        say(f"Creating {venv.relative_to(REPO)} for locust…")
        run_checked([sys.executable, "-m", "venv", str(venv)])
        run_checked(
            [
                str(venv / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
                str(REPO / "requirements-load.txt"),
            ]
        )
    return str(locust)


def ensure_executable(names, apt_packages, purpose):
    """Path of the first of `names` on PATH, installing it on Debian as root."""
    found = next(filter(None, map(shutil.which, names)), None)
    if found:
        return found
    if not is_debian_root():
        raise SetupError(
            f"{names[0]} is needed {purpose} but is not on PATH. "
            f"Install it (Debian/Ubuntu: apt-get install {' '.join(apt_packages)})."
        )
    apt_install(*apt_packages)
    found = next(filter(None, map(shutil.which, names)), None)
    if not found:
        raise SetupError(f"{names[0]} is still missing after installing it.")
    return found


def ensure_wkhtmltopdf():
    return ensure_executable(
        ["wkhtmltopdf"],
        ["wkhtmltopdf", "fonts-dejavu-core"],
        "to print Odoo's PDF reports",
    )


def ensure_browser():
    return ensure_executable(
        BROWSERS, ["chromium", "fonts-dejavu-core"], "to run the browser tours"
    )
