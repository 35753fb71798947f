"""Markdown output: ``#`` title, ``##`` level-1 headings, ``###`` level-2 … and plain paragraphs."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .blocks import plan_blocks

if TYPE_CHECKING:  # pragma: no cover  (Plan.to_markdown calls this module: no import back at run time)
    from ..document import Plan

_MD_LEAD = re.compile(r"^(#{1,6}\s|[>*+\-]\s|\d+[.)]\s)")


def to_markdown(plan: Plan) -> str:
    """The plan as Markdown; inline headings (（一）加强领导。…) are set in bold."""
    lines = []
    for block in plan_blocks(plan):
        if block.kind == "title":
            lines.append(f"# {block.text}")
        elif block.kind == "heading":
            lines.append("#" * min(6, block.level + 1) + " " + block.text)
        elif block.lead:
            head, rest = block.text[:block.lead].strip(), block.text[block.lead:]
            tail = len(head) - len(head.rstrip("。：:；;，,"))
            head, rest = head[:len(head) - tail], head[len(head) - tail:] + rest
            lines.append(f"**{head}**{rest}")
        else:
            lines.append(escape(block.text))
    return "\n\n".join(lines) + "\n"


def escape(text: str) -> str:
    """``text`` safe as a Markdown paragraph (no accidental heading, quote or list)."""
    return "\\" + text if _MD_LEAD.match(text) else text
