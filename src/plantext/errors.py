"""The errors plantext raises on purpose, and the warnings it attaches.

Every deliberate error derives from :class:`PlanTextError` and carries a
message a user can act on: what was wrong, and what to do about it. Messages
live in the :class:`Errors` catalogue so that they are written once, tested,
and can be looked up by code (``E001`` …) in bug reports.

Library code raises, it never prints; it never configures logging.
"""

from __future__ import annotations


class PlanTextError(Exception):
    """Base class of every error plantext raises deliberately."""

    code: str | None = None

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        if code is not None:
            self.code = code


class InputError(PlanTextError, ValueError):
    """The input cannot be turned into a plan: empty, binary, no plan content."""


class UnsupportedFormatError(InputError):
    """The file type is not one plantext reads."""


class DecodeError(InputError):
    """The bytes could not be decoded as text in any supported encoding."""


class CorruptFileError(InputError):
    """A .docx or .pdf file is damaged or not what its extension says."""


class ModelError(PlanTextError):
    """A model is missing, mismatched, tampered with, or cannot be loaded."""


class DataError(PlanTextError, ValueError):
    """A taxonomy, profile, index or annotation file is malformed."""


class DependencyError(PlanTextError, ImportError):
    """An optional dependency needed for this call is not installed."""


class PlanTextWarning(UserWarning):
    """Issued for recoverable trouble; the same text is kept on the result."""


class Errors:
    """The catalogue of error messages, formatted with ``str.format``."""

    E001 = "The input is empty or holds only whitespace: there is no plan to read."
    E002 = ("The input looks binary ({reason}), not text. Give a .txt, .md, .html, "
            ".docx or .pdf file, or a str of plan text.")
    E003 = ("Unsupported file type '{suffix}' for {path}. plantext reads "
            ".txt, .md, .html/.htm, .docx and .pdf.")
    E004 = ("Could not decode {path} as UTF-8, UTF-16 or GB18030. Save it as "
            "UTF-8 text and try again.")
    E005 = "The file {path} is not a readable {kind} file ({reason})."
    E006 = "No such file: {path}."
    E007 = "The input holds no plan content after cleaning ({reason})."
    E008 = ("'{name}' needs the optional dependency '{package}'. Install it with "
            "`pip install {install}`.")
    E009 = "Unknown {what} '{value}'. Choose one of: {choices}."
    E010 = "Malformed {what} file {path}: {reason}"
    E011 = ("The model in {path} does not fit this plantext ({reason}). Retrain it "
            "with `plantext train` or install a matching plantext.")
    E012 = "The model folder {path} is incomplete: {reason}."
    E013 = ("The input is {size} characters long, over the limit of {limit}. Split "
            "it, or raise the limit with max_chars=.")
    E014 = ("{path} is a folder, not a file. Read its files one at a time, or load "
            "them all with plantext.Corpus.from_dir().")
    E015 = ("The PDF {path} has no text layer ({pages} page(s) of images, scanned?): "
            "it needs OCR. Run an OCR tool first (e.g. `ocrmypdf -l chi_sim in.pdf "
            "out.pdf`) and read the result.")
    E016 = "Could not read {path}: {reason}."
    E017 = "{what} must be {allowed}; got {value!r}."


def error(cls: type[PlanTextError], code: str, **fields) -> PlanTextError:
    """Build an error of class ``cls`` from catalogue entry ``code``."""
    message = getattr(Errors, code).format(**fields)
    return cls(f"[{code}] {message}", code=code)
