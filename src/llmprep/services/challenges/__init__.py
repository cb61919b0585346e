"""Coding challenges: the catalog, the judge, the test harness tests are written in, and verification."""
