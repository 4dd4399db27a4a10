"""Unit tests of the ./msom runner itself, run by `./msom test` (see unit_tests.py)."""
