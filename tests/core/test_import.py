import subprocess
import sys

import pytest


def test_import_is_cheap():
    code = ("import sys, plantext; heavy = [m for m in ('torch', 'transformers', 'jieba', 'pandas', "
            "'sklearn', 'docx', 'bs4', 'opencc') if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_public_names_of_the_api_contract():
    import plantext as pt

    for name in ("parse", "parse_many", "read", "audit", "suggest", "Corpus", "Plan", "Section",
                 "Segment", "PlanTextError"):
        assert hasattr(pt, name), name


@pytest.mark.parametrize("module", ["plantext.audit.typos", "plantext.suggest.bm25",
                                    "plantext.draft.docx_writer", "plantext.audit.report"])
def test_submodules_of_the_callable_packages_import(module):
    """The packages named like their functions once shadowed their submodules (ImportError)."""
    code = f"import {module} as m; print(m.__name__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == module


def test_audit_suggest_draft_stay_callable_with_their_signatures():
    import inspect

    import plantext as pt
    from plantext.audit import audit
    from plantext.draft import draft

    assert inspect.signature(pt.audit) == inspect.signature(audit)
    assert inspect.signature(pt.draft) == inspect.signature(draft)
    report = pt.audit("一、工作目标\n到2027年，社区养老服务覆盖率达到90%。\n", suggest=False)
    assert isinstance(report, pt.AuditReport)
