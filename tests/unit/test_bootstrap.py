"""How ./msom resolves Odoo's requirements and fetches its source."""

import contextlib
import io
import os
import subprocess
import sys
import tarfile
import tempfile
import unittest
from pathlib import Path
from unittest import mock

from tests.runner import bootstrap
from tests.runner.environment import SetupError

ODOO_STYLE_REQUIREMENTS = """
# comment line
Babel==2.9.1 ; python_version < '3.11'  # trailing comment
Babel==2.10.3 ; python_version >= '3.11' and python_version < '3.13'
Babel==2.17.0 ; python_version >= '3.13'
gevent==22.10.2; sys_platform != 'win32' and python_version < '3.12'
gevent==24.11.1 ; sys_platform != 'win32' and python_version >= '3.13'
lxml-html-clean; python_version >= '3.12'
pypiwin32 ; sys_platform == 'win32'
python-ldap==3.4.0 ; sys_platform != 'win32' and python_version < '3.12'
python-ldap==3.4.4 ; sys_platform != 'win32' and python_version >= '3.12'
pytz  # no version pinning
"""
LDAP_HEADERS = ("ldap.h", "lber.h", "sasl/sasl.h")


def quietly(function, *args):
    """Call function, keeping its progress lines off the test output."""
    with contextlib.redirect_stdout(io.StringIO()) as output:
        return function(*args), output.getvalue()


def make_odoo_tree(folder, major=19):
    """The smallest tree bootstrap recognises as Odoo `major`."""
    release = Path(folder, "odoo", "release.py")
    release.parent.mkdir(parents=True)
    release.write_text(f"version_info = ({major}, 0, 0, FINAL, 0)\n", "utf-8")
    Path(folder, "requirements.txt").write_text("pytz\n", "utf-8")
    return Path(folder)


class TestResolveRequirements(unittest.TestCase):
    def resolve(self, headers=()):
        with tempfile.TemporaryDirectory() as include:
            for header in headers:
                Path(include, header).parent.mkdir(parents=True, exist_ok=True)
                Path(include, header).touch()
            return bootstrap.resolve_requirements(
                ODOO_STYLE_REQUIREMENTS.splitlines(), include_dirs=[include]
            )

    def test_newest_pin_of_each_package(self):
        resolved, _notes = self.resolve()
        self.assertEqual(
            resolved, ["Babel==2.17.0", "gevent==24.11.1", "lxml-html-clean", "pytz"]
        )

    def test_optional_package_skipped_without_its_headers(self):
        _resolved, notes = self.resolve()
        self.assertEqual(len(notes), 1)
        self.assertIn("Skipping python-ldap", notes[0])
        self.assertIn("libldap2-dev libsasl2-dev", notes[0])

    def test_optional_package_kept_with_its_headers(self):
        resolved, notes = self.resolve(LDAP_HEADERS)
        self.assertIn("python-ldap==3.4.4", resolved)
        self.assertEqual(notes, [])

    def test_command_line_prints_lines_and_notes(self):
        with tempfile.TemporaryDirectory() as folder:
            requirements = Path(folder, "requirements.txt")
            requirements.write_text("pytz\nxlwt==1.3.0\n", "utf-8")
            completed = subprocess.run(
                [sys.executable, "-m", "tests.runner.bootstrap", str(requirements)],
                cwd=bootstrap.REPO,
                capture_output=True,
                text=True,
                check=True,
            )
        self.assertEqual(completed.stdout.split(), ["pytz", "xlwt==1.3.0"])


class TestSource(unittest.TestCase):
    def setUp(self):
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.folder = Path(folder.name)
        self.cache = self.folder / "cache"

    def tarball(self, major=19):
        tree = make_odoo_tree(self.folder / f"odoo-{major}.0", major)
        archive = self.folder / f"odoo_{major}.0.tar.gz"
        with tarfile.open(archive, "w:gz") as opened:
            opened.add(tree, arcname=tree.name)
        return str(archive)

    def test_kind_of_source(self):
        make_odoo_tree(self.folder / "checkout")
        self.assertEqual(bootstrap.source_kind(str(self.folder)), "directory")
        self.assertEqual(bootstrap.source_kind("/x/odoo_19.0.latest.tar.gz"), "tarball")
        self.assertEqual(bootstrap.source_kind(bootstrap.OFFICIAL_SOURCE), "git")
        self.assertEqual(bootstrap.source_kind("git@github.com:odoo/odoo.git"), "git")
        with self.assertRaises(SetupError):
            bootstrap.source_kind("/no/such/odoo")

    def test_tarball_unpacked_into_the_cache(self):
        source = self.tarball()
        target, _output = quietly(bootstrap.ensure_source, self.cache, source)
        self.assertEqual(target, self.cache / "odoo")
        self.assertEqual(bootstrap.odoo_major_of(target), 19)
        self.assertEqual((self.cache / "source.txt").read_text().strip(), source)
        self.assertEqual([p.name for p in self.cache.iterdir()], ["odoo", "source.txt"])

    def test_cached_source_reused_unless_another_is_named(self):
        source = self.tarball()
        quietly(bootstrap.ensure_source, self.cache, source)
        marker = self.cache / "odoo" / "kept"
        marker.touch()
        quietly(bootstrap.ensure_source, self.cache, None)
        quietly(bootstrap.ensure_source, self.cache, source)
        self.assertTrue(marker.exists())
        checkout = make_odoo_tree(self.folder / "checkout")
        quietly(bootstrap.ensure_source, self.cache, str(checkout))
        self.assertFalse(marker.exists())
        self.assertEqual((self.cache / "source.txt").read_text().strip(), str(checkout))

    def test_other_odoo_version_refused(self):
        with self.assertRaisesRegex(SetupError, "holds Odoo 18; mSOM needs Odoo 19"):
            quietly(bootstrap.ensure_source, self.cache, self.tarball(major=18))
        self.assertFalse((self.cache / "odoo").exists())

    def test_directory_copied_without_git_metadata(self):
        checkout = make_odoo_tree(self.folder / "checkout")
        (checkout / ".git").mkdir()
        target, _output = quietly(bootstrap.ensure_source, self.cache, str(checkout))
        self.assertTrue((target / "odoo" / "release.py").is_file())
        self.assertFalse((target / ".git").exists())

    def test_shallow_clone_of_the_19_branch(self):
        repository = make_odoo_tree(self.folder / "repository")
        git = ["git", "-C", str(repository), "-c", "user.name=t", "-c", "user.email=t"]
        for command in (
            ["init", "-q", "-b", "19.0"],
            ["add", "."],
            ["commit", "-qm", "19"],
        ):
            subprocess.run([*git, *command], check=True)
        target, output = quietly(
            bootstrap.ensure_source, self.cache, f"file://{repository}"
        )
        self.assertIn("Cloning Odoo 19.0", output)
        self.assertEqual(bootstrap.odoo_major_of(target), 19)

    def test_unreachable_git_source_explains_what_to_do(self):
        with self.assertRaisesRegex(SetupError, "--odoo-source or MSOM_ODOO_SOURCE"):
            quietly(bootstrap.ensure_source, self.cache, "file:///no/such/odoo.git")
        self.assertFalse((self.cache / "odoo").exists())

    def test_cache_folder_from_the_environment(self):
        with mock.patch.dict(os.environ, {"MSOM_CACHE": str(self.folder)}):
            self.assertEqual(bootstrap.cache_dir(), self.folder / "odoo-19.0")
        with mock.patch.dict(os.environ, {"XDG_CACHE_HOME": str(self.folder)}):
            os.environ.pop("MSOM_CACHE", None)
            self.assertEqual(bootstrap.cache_dir(), self.folder / "msom" / "odoo-19.0")


class TestEnsureOdoo(unittest.TestCase):
    def test_importable_odoo_is_used_as_is(self):
        with mock.patch.object(bootstrap.os, "execve") as execve:
            self.assertIsNone(bootstrap.ensure_odoo(None, ["test"]))
        execve.assert_not_called()

    def test_no_second_attempt_inside_the_environment_it_made(self):
        with (
            mock.patch.object(bootstrap, "odoo_problem", return_value="no odoo"),
            mock.patch.dict(os.environ, {bootstrap.REEXEC_VARIABLE: "/cache"}),
            self.assertRaisesRegex(SetupError, "even in the environment set up in"),
        ):
            bootstrap.ensure_odoo(None, ["test"])
