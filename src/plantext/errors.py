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


class ErrorsZh:
    """The same messages in plain Chinese, for the people who run the command line."""

    E001 = "输入为空，或只有空白：没有可读的计划。"
    E002 = "输入像是二进制数据（{reason}），不是文本。请提供 .txt、.md、.html、.docx 或 .pdf 文件。"
    E003 = ("不支持的文件类型“{suffix}”（{path}）。plantext 能读 .txt、.md、.html/.htm、.docx 和 .pdf；"
            ".doc、.wps 文件请先在 Word 或 WPS 中另存为 .docx。")
    E004 = "无法识别 {path} 的文字编码（试过 UTF-8、UTF-16、GB18030）。请把它另存为 UTF-8 文本后再试。"
    E005 = "文件 {path} 不是可以读取的 {kind} 文件，可能已损坏（{reason}）。请在 Word 或 WPS 中打开后另存一份再试。"
    E006 = "找不到文件：{path}。请检查路径和文件名。"
    E007 = "清理网页杂项后没有剩下计划正文（{reason}）。"
    E008 = "“{name}”需要安装可选组件 {package}：pip install {install}"
    E009 = "未知的{what}“{value}”。可选的有：{choices}。"
    E010 = "{what} 文件 {path} 格式有误：{reason}"
    E011 = "{path} 中的模型与当前 plantext 不匹配（{reason}）。请用 plantext train 重新训练，或安装匹配的版本。"
    E012 = "模型文件夹 {path} 不完整：{reason}。"
    E013 = "输入有 {size} 个字符，超过上限 {limit}。请拆分后再读。"
    E014 = "{path} 是文件夹，不是文件。请逐个读取其中的文件，或用 plantext corpus 命令批量处理。"
    E015 = "PDF 文件 {path} 没有文字层（{pages} 页图片，可能是扫描件），需要先做文字识别（OCR）再读。"
    E016 = "无法读取 {path}：{reason}。"
    E017 = "{what} 应为 {allowed}；收到的是 {value!r}。"


def error(cls: type[PlanTextError], code: str, **fields) -> PlanTextError:
    """Build an error of class ``cls`` from catalogue entry ``code``."""
    message = getattr(Errors, code).format(**fields)
    exc = cls(f"[{code}] {message}", code=code)
    exc.fields = fields
    return exc


def chinese_message(exc: PlanTextError) -> str | None:
    """The error in plain Chinese when the catalogue has it (errors built by :func:`error`)."""
    template = getattr(ErrorsZh, exc.code or "", None)
    fields = getattr(exc, "fields", None)
    if template is None or fields is None:
        return None
    if exc.code == "E009":
        fields = _choices_zh(fields)
    try:
        return template.format(**fields)
    except (KeyError, IndexError, ValueError):
        return None


def warn(message: str) -> None:
    """Issue ``message`` as a :class:`PlanTextWarning` at the user's line (the first frame outside plantext)."""
    import os
    import sys
    import warnings

    here = os.path.dirname(os.path.abspath(__file__)) + os.sep
    level, frame = 2, sys._getframe(1)     # stacklevel 2: the caller of warn()
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(here):
        level, frame = level + 1, frame.f_back
    warnings.warn(message, PlanTextWarning, stacklevel=level)


WHAT_ZH = {"theme": "主题", "role": "角色（部分）", "document type": "文档类型", "doc_type": "文档类型",
           "profile": "文档类型（审读规则）", "taxonomy": "主题分类", "mode": "检索方式", "kind": "类型",
           "backend": "分词方式", "pooling": "池化方式", "use_embeddings": "use_embeddings"}


def _choices_zh(fields: dict) -> dict:
    """E009's fields for staff: the kind of value in Chinese, each choice with its Chinese name."""
    out = dict(fields)
    out["what"] = WHAT_ZH.get(str(fields.get("what")), fields.get("what"))
    try:
        from .localize import choices_zh

        codes = [c.strip() for c in str(fields.get("choices", "")).split(",") if c.strip()]
        out["choices"] = choices_zh(codes)
    except Exception:  # noqa: BLE001 - a message must never fail; keep the codes as given
        pass
    return out
