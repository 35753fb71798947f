"""Chinese names on the command line: 养老, 养老服务 or elderly; 工作计划 or work_plan; 保障措施 or safeguard.

Staff type the names they know; :mod:`plantext.labels.names` resolves them
(codes first, then names, then a part of exactly one name, for themes a
keyword). Anything else is passed on unchanged, so the library's own error
lists the choices.
"""

from __future__ import annotations

from ..labels.names import doc_type_code, doc_type_names, role_code, theme_code  # noqa: F401


def profile_value(value: str | None) -> str | None:
    """``--profile``: a profile JSON file as given, else a document type by code or Chinese name."""
    import pathlib

    if value is None or value.lower().endswith(".json") or pathlib.Path(value).is_file():
        return value
    code = doc_type_code(value)
    if code not in doc_type_names():
        import click

        from ..labels.names import choices_zh

        raise click.BadParameter(f"未知的文档类型“{value}”。可选的有：{choices_zh(doc_type_names())}；"
                                 "也可以给一个自定义规则的 JSON 文件。", param_hint="--profile")
    return code


def __getattr__(name):   # DOC_TYPE_ZH, read from the profiles when asked for
    if name == "DOC_TYPE_ZH":
        return dict(doc_type_names())
    raise AttributeError(name)
