"""The `./msom` command: demo server, test runner and benchmarks for mSOM.

Only the standard library may be imported at module level here: `./msom`
imports this package before it has installed any dependency.
"""
