import subprocess
import sys


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
