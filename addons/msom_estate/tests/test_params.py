# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date, datetime, time

from odoo.tests import BaseCase, tagged

from odoo.addons.msom_estate.tools import (
    BadParameter,
    param_date,
    param_datetime,
    param_float,
    param_id,
    param_ids,
    param_int,
    param_text,
    param_time,
    param_token,
)


@tagged("post_install", "-at_install")
class TestParams(BaseCase):
    """What the readers of request parameters accept and refuse."""

    def assertBad(self, reader, value, *args, **kwargs):
        with self.assertRaises(BadParameter):
            reader(value, "pole", *args, **kwargs)

    def test_int_and_ids(self):
        self.assertEqual(param_int("42", "pole"), 42)
        self.assertEqual(param_int(" -3 ", "pole"), -3)
        self.assertEqual(param_int(7, "pole"), 7)
        self.assertEqual(param_int("", "pole", default=5), 5)
        self.assertIsNone(param_int(None, "pole"))
        for value in ("²", "٣", "1\x00", "1.5", "abc", ["1"], True, 2.5):
            with self.subTest(value=value):
                self.assertBad(param_int, value)
        self.assertBad(param_int, "3", minimum=4)
        self.assertBad(param_id, "0")
        self.assertBad(param_id, "-1")
        self.assertBad(param_id, str(10**20))
        self.assertEqual(param_id(str(2**31 - 1), "pole"), 2**31 - 1)
        self.assertEqual(param_ids(["1", "", "2"], "pole"), [1, 2])
        self.assertEqual(param_ids("3", "pole"), [3])
        self.assertEqual(param_ids(None, "pole"), [])
        self.assertBad(param_ids, ["1", "²"])

    def test_float(self):
        self.assertEqual(param_float("12,5", "pole"), 12.5)
        self.assertEqual(param_float("1 234.5", "pole"), 1234.5)
        self.assertEqual(param_float(3, "pole"), 3.0)
        for value in ("NaN", "inf", "-inf", "1e309", float("nan"), "²", "1,2,3"):
            with self.subTest(value=value):
                self.assertBad(param_float, value)
        self.assertBad(param_float, "1e308", maximum=1e9)
        self.assertBad(param_float, "-1", minimum=0)

    def test_text_and_token(self):
        self.assertEqual(param_text("  Jan ", "pole"), "Jan")
        self.assertEqual(param_text(None, "pole"), "")
        self.assertEqual(param_text("abcdef", "pole", 3, truncate=True), "abc")
        self.assertBad(param_text, "abcdef", 3)
        self.assertBad(param_text, "a\x00b")
        self.assertBad(param_text, ["a"])
        self.assertEqual(param_token("Ab-_9.x~", "pole"), "Ab-_9.x~")
        for value in ("a\x00b", "²", "a/b", "", "x" * 129, ["a"], None):
            with self.subTest(value=value):
                self.assertIsNone(param_token(value, "pole"))

    def test_dates(self):
        self.assertEqual(param_date("2026-03-01", "pole"), date(2026, 3, 1))
        self.assertEqual(param_time("7:05", "pole"), time(7, 5))
        for value in ("0001-01-01", "9999-12-31", "2026-02-30", "²"):
            with self.subTest(value=value):
                self.assertBad(param_date, value)
        self.assertBad(param_time, "24:00")
        # naive input is the user's local time; the result is naive UTC
        self.assertEqual(
            param_datetime("2026-07-01T12:00", "pole", tz="Europe/Warsaw"),
            datetime(2026, 7, 1, 10, 0),
        )
        self.assertEqual(
            param_datetime("2026-01-01T00:00:00+14:00", "pole"),
            datetime(2025, 12, 31, 10, 0),
        )
        self.assertEqual(
            param_datetime("2026-01-01T00:00:00Z", "pole"), datetime(2026, 1, 1)
        )
        for value in (
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59-14:00",
            "2026-01-01T00:00:00+25:00",
            "2026-01-01T00:00:00+15:00",
            "jutro",
        ):
            with self.subTest(value=value):
                self.assertBad(param_datetime, value)
