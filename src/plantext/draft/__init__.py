"""Drafting: a new plan's scaffold, and the missing sections of a draft, as Markdown or Word.

>>> import plantext as pt
>>> plan = pt.draft("work_plan", ["civility", "security"], unit="阳光社区")  # doctest: +SKIP
>>> from plantext.draft import to_docx, to_markdown
>>> to_docx(plan, "plan.docx")                                              # doctest: +SKIP
>>> result = pt.complete("draft.docx")                                      # doctest: +SKIP
>>> [(i.role, i.heading) for i in result.inserted]                          # doctest: +SKIP

Every filled phrasing is traceable to its source (``plan.meta["provenance"]``);
a slot the corpus cannot fill becomes an explicit 【待补充：…】 marker
(``plan.meta["markers"]``).
"""

from .complete import CompletionResult, Insertion, complete
from .docx_writer import to_docx
from .markdown import to_markdown
from .new_plan import draft

__all__ = ["CompletionResult", "Insertion", "complete", "draft", "to_docx", "to_markdown"]

from .._callable import make_callable  # noqa: E402
from ..writers import register  # noqa: E402

register("docx", to_docx)          # Plan.to_docx / Plan.to_markdown write through these
register("markdown", to_markdown)

make_callable(__name__, "draft")   # pt.draft(...) calls draft(); plantext.draft.docx_writer still imports
