"""Bring Odoo 19 when `import odoo` fails, then run ./msom again with it.

The source (a git URL, by default the official 19.0 branch; a local checkout;
or a source tarball, local or http(s)) goes to CACHE/odoo, a virtual
environment to CACHE/venv-<python version>; Odoo's requirements are resolved
for the running Python (see `resolve_requirements`) and installed there with
the project's. CACHE is $MSOM_CACHE, else ~/.cache/msom (XDG_CACHE_HOME), plus
/odoo-19.0. Only the standard library is used here: this runs before any
requirement is installed.
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
import zipfile
from pathlib import Path

from .environment import (
    ODOO_MAJOR,
    REPO,
    SetupError,
    apt_install,
    ensure_executable,
    is_debian_root,
    say,
)

OFFICIAL_SOURCE = "https://github.com/odoo/odoo.git"
BRANCH = f"{ODOO_MAJOR}.0"
SOURCE_VARIABLE = "MSOM_ODOO_SOURCE"
# Set in the environment of the run started inside the virtual environment:
# if Odoo still cannot be imported there, stop instead of looping.
REEXEC_VARIABLE = "MSOM_BOOTSTRAPPED"
TARBALL_SUFFIXES = (".tar.gz", ".tgz", ".tar.xz", ".tar.bz2", ".tar", ".zip")
# Packages of Odoo's requirements that only some features need and that are
# built from source: skipped, with a note, when their C headers are missing.
OPTIONAL_PACKAGES = {
    "python-ldap": (
        ("ldap.h", "lber.h", "sasl/sasl.h"),
        "libldap2-dev libsasl2-dev",
        "the LDAP login (auth_ldap)",
    ),
}
# Python versions a requirement's marker is tried with (see resolve).
PYTHON_VERSIONS = [f"3.{minor}" for minor in range(8, 20)]


def cache_dir():
    base = os.environ.get("MSOM_CACHE")
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        base = Path(xdg) / "msom"
    return Path(base).expanduser() / f"odoo-{BRANCH}"


def odoo_problem():
    """Why this Python cannot run mSOM's Odoo, or None if it can."""
    try:
        import odoo.release
    except ImportError as error:
        return f"`import odoo` fails: {error}"
    if odoo.release.version_info[0] != ODOO_MAJOR:
        return f"`import odoo` gives Odoo {odoo.release.version}"
    return None


def ensure_odoo(source, argv):
    """Return if Odoo 19 is importable; else set it up and exec ./msom in it."""
    problem = odoo_problem()
    if not problem:
        return
    if os.environ.get(REEXEC_VARIABLE):
        raise SetupError(
            f"{problem} even in the environment set up in "
            f"{os.environ[REEXEC_VARIABLE]}; remove that folder and run again."
        )
    source = source or os.environ.get(SOURCE_VARIABLE)
    cache = cache_dir()
    say(f"Odoo {ODOO_MAJOR} is needed ({problem}); setting it up in {cache}")
    source_dir = ensure_source(cache, source)
    python = ensure_venv(cache, source_dir)
    say(f"Running ./msom again with {python}")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env[REEXEC_VARIABLE] = str(cache)
    sys.stdout.flush()
    os.execve(python, [python, str(REPO / "msom"), *argv], env)


# --- the source -------------------------------------------------------------


def source_kind(source):
    """'git', 'directory' or 'tarball', from the way the source is named."""
    path = Path(source).expanduser()
    if path.is_dir():
        return "directory"
    if source.lower().endswith(TARBALL_SUFFIXES):
        return "tarball"
    if re.match(r"^(https?|git|ssh|file)://|^[\w.-]+@[\w.-]+:", source):
        return "git"
    raise SetupError(
        f"Odoo source {source!r} is neither a directory, a tarball "
        f"({', '.join(TARBALL_SUFFIXES)}) nor a git URL."
    )


def odoo_major_of(source_dir):
    """Major version of the Odoo tree in source_dir (None if it is not one)."""
    release = Path(source_dir, "odoo", "release.py")
    if not release.is_file():
        return None
    match = re.search(r"^version_info\s*=\s*\((\d+)", release.read_text("utf-8"), re.M)
    return int(match.group(1)) if match else None


def find_odoo_root(directory):
    """The folder holding odoo/release.py: directory or its only subfolder."""
    if odoo_major_of(directory) is not None:
        return Path(directory)
    children = [child for child in Path(directory).iterdir() if child.is_dir()]
    if len(children) == 1 and odoo_major_of(children[0]) is not None:
        return children[0]
    return None


def ensure_source(cache, source):
    """The Odoo tree in cache/odoo, fetched again when another source is named."""
    target = cache / "odoo"
    record = cache / "source.txt"
    recorded = record.read_text("utf-8").strip() if record.is_file() else None
    if target.is_dir() and recorded and source in (None, recorded):
        say(f"Odoo source: {target} (from {recorded})")
        return target
    source = source or OFFICIAL_SOURCE
    cache.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="odoo-", dir=cache))
    try:
        fetch_source(source, staging, staging / "tree")
        root = find_odoo_root(staging / "tree")
        major = odoo_major_of(root) if root else None
        if major != ODOO_MAJOR:
            found = f"Odoo {major}" if major else "no Odoo tree (odoo/release.py)"
            raise SetupError(f"{source} holds {found}; mSOM needs Odoo {ODOO_MAJOR}.")
        shutil.rmtree(target, ignore_errors=True)
        root.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    record.write_text(source + "\n", "utf-8")
    # The environment was made for the former source.
    for venv in cache.glob("venv-*"):
        (venv / READY_FILE).unlink(missing_ok=True)
    return target


def fetch_source(source, staging, tree):
    """Put the source's files in tree; staging holds the download, if any."""
    kind = source_kind(source)
    if kind == "directory":
        say(f"Copying the Odoo source from {source}…")
        shutil.copytree(
            Path(source).expanduser(),
            tree,
            symlinks=True,
            ignore=shutil.ignore_patterns(".git", "__pycache__"),
        )
    elif kind == "tarball":
        extract_tarball(source, staging, tree)
    else:
        clone(source, tree)


def clone(url, target):
    ensure_executable(["git"], ["git"], "to fetch Odoo's source")
    say(f"Cloning Odoo {BRANCH} from {url} (shallow)…")
    completed = subprocess.run(
        ["git", "clone", "--quiet", "--depth=1", f"--branch={BRANCH}", url, target],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    if completed.returncode:
        raise SetupError(
            f"Cannot clone {url}: {last_line(completed.stderr)}\n"
            "Without network access to it, name a local Odoo "
            f"{ODOO_MAJOR} source with --odoo-source or {SOURCE_VARIABLE}: "
            "a checkout directory or a source tarball (see README.md)."
        )


def extract_tarball(source, staging, tree):
    if re.match(r"^https?://", source):
        say(f"Downloading {source}…")
        archive = staging / Path(source.split("?")[0]).name
        try:
            urllib.request.urlretrieve(source, archive)  # noqa: S310 (http(s) only)
        except OSError as error:
            raise SetupError(
                f"Cannot download {source}: {error}\nWithout network access, "
                f"name a local Odoo source with --odoo-source or {SOURCE_VARIABLE}."
            ) from error
    else:
        archive = Path(source).expanduser()
        if not archive.is_file():
            raise SetupError(f"Odoo source tarball {archive} does not exist.")
    say(f"Extracting {archive.name}…")
    try:
        if archive.name.lower().endswith(".zip"):
            with zipfile.ZipFile(archive) as opened:
                opened.extractall(tree)
        else:
            with tarfile.open(archive) as opened:
                opened.extractall(tree, filter="data")
    except (OSError, tarfile.TarError, zipfile.BadZipFile) as error:
        raise SetupError(f"Cannot extract {archive}: {error}") from error
    finally:
        if archive.parent == staging:
            archive.unlink(missing_ok=True)


def last_line(text):
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no message"


# --- the virtual environment -------------------------------------------------

READY_FILE = ".msom-ready"


def ensure_venv(cache, source_dir):
    """Python of cache/venv-X.Y with Odoo and all requirements; its path."""
    venv = cache / f"venv-{sys.version_info[0]}.{sys.version_info[1]}"
    python = venv / "bin" / "python"
    fingerprint = requirements_fingerprint(source_dir)
    ready = venv / READY_FILE
    if ready.is_file() and ready.read_text("utf-8") == fingerprint:
        say(f"Virtual environment: {venv} (ready)")
        return str(python)
    if not python.exists():
        create_venv(venv)
    site_packages = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # Odoo is used from its source tree, as with PYTHONPATH.
    (site_packages / "msom-odoo.pth").write_text(f"{source_dir}\n", "utf-8")
    install_requirements(python, source_dir, venv)
    ready.write_text(fingerprint, "utf-8")
    return str(python)


def create_venv(venv):
    say(f"Creating the virtual environment {venv}…")
    command = [sys.executable, "-m", "venv", str(venv)]
    completed = subprocess.run(command, capture_output=True, text=True)
    if completed.returncode and is_debian_root():
        # Debian splits venv and ensurepip off Python.
        apt_install(f"python3.{sys.version_info[1]}-venv")
        completed = subprocess.run(command, capture_output=True, text=True)
    if completed.returncode:
        shutil.rmtree(venv, ignore_errors=True)
        raise SetupError(
            f"Cannot create a virtual environment: {last_line(completed.stderr)}\n"
            "Install Python's venv module (Debian/Ubuntu: python3-venv)."
        )


def requirements_fingerprint(source_dir):
    digest = hashlib.sha256(str(source_dir).encode())
    for path in (source_dir / "requirements.txt", REPO / "requirements.txt"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def install_requirements(python, source_dir, venv):
    say(f"Resolving Odoo's requirements for Python {sys.version.split()[0]}…")
    completed = subprocess.run(
        [python, "-m", "tests.runner.bootstrap", str(source_dir / "requirements.txt")],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if completed.returncode:
        raise SetupError(f"Cannot resolve Odoo's requirements: {completed.stderr}")
    resolved = venv / "odoo-requirements.txt"
    resolved.write_text(completed.stdout, "utf-8")
    for line in completed.stderr.splitlines():
        say(f"  {line}")
    say("Installing Odoo's and mSOM's Python requirements with pip…")
    pip = [python, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    completed = subprocess.run(
        [*pip, "-r", resolved, "-r", REPO / "requirements.txt"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    if completed.returncode:
        raise SetupError(
            "pip could not install the requirements (is PyPI reachable?):\n"
            + "\n".join(completed.stderr.strip().splitlines()[-15:])
        )


# --- resolving Odoo's requirements ------------------------------------------


def _packaging():
    """`packaging`, or the copy every pip carries (a fresh venv has no other)."""
    try:
        from packaging import markers, requirements, utils, version
    except ImportError:
        from pip._vendor.packaging import markers, requirements, utils, version
    return markers, requirements, utils, version


def resolve_requirements(lines, include_dirs=None):
    """Odoo's pinned requirements made installable on the running Python.

    Odoo pins one version per Python release (the Debian/Ubuntu packages), and
    older pins often have no wheel for newer Pythons. Each package whose
    marker holds on this platform for some Python version gets its newest
    pinned version; packages of other platforms are left out; optional
    packages whose C headers are missing are skipped. Returns
    (requirement lines, notes).
    """
    markers, requirements, utils, version = _packaging()
    chosen = {}  # canonical name -> (display name, newest pin or None)
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        requirement = requirements.Requirement(line)
        if requirement.marker and not any(
            requirement.marker.evaluate(
                {"python_version": python, "python_full_version": f"{python}.0"}
            )
            for python in PYTHON_VERSIONS
        ):
            continue
        pins = [
            version.Version(spec.version)
            for spec in requirement.specifier
            if spec.operator == "=="
        ]
        key = utils.canonicalize_name(requirement.name)
        name, newest = chosen.get(key, (requirement.name, None))
        for pin in pins:
            newest = max(newest, pin) if newest else pin
        chosen[key] = (name, newest)
    resolved, notes = [], []
    for key, (name, pin) in chosen.items():
        if key in OPTIONAL_PACKAGES:
            headers, debian_packages, purpose = OPTIONAL_PACKAGES[key]
            missing = missing_headers(headers, include_dirs)
            if missing:
                notes.append(
                    f"Skipping {name}: its C headers are missing ({', '.join(missing)};"
                    f" Debian/Ubuntu: {debian_packages}); only {purpose} needs it."
                )
                continue
        resolved.append(f"{name}=={pin}" if pin else name)
    return resolved, notes


def missing_headers(headers, include_dirs=None):
    import sysconfig

    if include_dirs is None:
        include_dirs = [
            sysconfig.get_config_var("INCLUDEDIR"),
            "/usr/include",
            "/usr/local/include",
        ]
    return [
        header
        for header in headers
        if not any(Path(folder, header).is_file() for folder in include_dirs if folder)
    ]


if __name__ == "__main__":
    # python -m tests.runner.bootstrap REQUIREMENTS: the resolved lines on
    # stdout, the notes on stderr (run with the virtual environment's Python).
    requirement_lines, resolution_notes = resolve_requirements(
        Path(sys.argv[1]).read_text("utf-8").splitlines()
    )
    print(*requirement_lines, sep="\n")
    print(*resolution_notes, sep="\n", file=sys.stderr)
