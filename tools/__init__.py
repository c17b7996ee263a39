"""Tools for developing gigcx (not part of the running project): import-linter contract types."""
