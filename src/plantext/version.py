"""plantext's version, importable by any module without importing the package root."""

__version__ = "0.1.0"
