"""read() and read_bytes(): dispatch by suffix, sniffing, and the errors they raise."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

from plantext.errors import InputError, PlanTextError, UnsupportedFormatError
from plantext.io import FORMATS, SourceText, read, read_bytes

TEXT = "一、总体要求\n坚持稳中求进。\n"
HTML = "<!DOCTYPE html><html><body><p>一、总体要求</p></body></html>"


@pytest.mark.parametrize("name, fmt", [("plan.txt", "txt"), ("PLAN.TXT", "txt"), ("plan.md", "md"),
                                       ("plan.markdown", "md"), ("plan", "text"),
                                       ("2024年计划", "text")])
def test_text_files_by_suffix(tmp_path, name, fmt):
    path = tmp_path / name
    path.write_text(TEXT, encoding="utf-8")
    src = read(str(path))
    assert isinstance(src, SourceText) and src == TEXT
    assert src.format == fmt and src.path == path and src.encoding == "utf-8"


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.HTML", "page"])
def test_html_by_suffix_or_sniffed(tmp_path, name):
    path = tmp_path / name
    path.write_text(HTML, encoding="utf-8")
    src = read(path)
    assert src == "一、总体要求" and src.format == "html"


def test_docx_and_pdf_are_sniffed_without_a_suffix(tmp_path, docx_builder, make_pdf):
    docx_builder.para("一、总体要求")
    for made in (docx_builder.save(), make_pdf([["一、总体要求"]])):
        bare = tmp_path / (made.stem + "_bare")
        bare.write_bytes(made.read_bytes())
        src = read(bare)
        assert src == "一、总体要求" and src.format == made.suffix[1:]


@pytest.mark.parametrize("suffix", [".txt", "txt", "TXT", ""])
def test_read_bytes_suffix_forms(suffix):
    src = read_bytes(TEXT.encode(), suffix=suffix)
    assert src == TEXT and src.path is None


@pytest.mark.parametrize("name", ["plan.doc", "plan.xlsx", "scan.png", "plan.rtf"])
def test_unsupported_suffix_raises_e003(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"x")
    with pytest.raises(UnsupportedFormatError) as info:
        read(path)
    assert info.value.code == "E003" and pathlib.Path(name).suffix in str(info.value)
    with pytest.raises(UnsupportedFormatError):
        read_bytes(b"x", suffix=pathlib.Path(name).suffix)


@pytest.mark.parametrize("path", ["/no/such/plan.txt", "missing.docx", "一、总体要求\n坚持稳中求进。" * 200])
def test_missing_file_raises_e006(path):
    with pytest.raises(InputError) as info:
        read(path)
    assert info.value.code in ("E006", "E016")
    assert len(str(info.value)) < 300


def test_directory_raises_e014(tmp_path):
    with pytest.raises(InputError) as info:
        read(tmp_path)
    assert info.value.code == "E014" and "folder" in str(info.value)


def test_all_formats_are_listed():
    assert set(FORMATS.values()) == {"txt", "md", "html", "docx", "pdf"}
    assert all(issubclass(cls, PlanTextError) for cls in (InputError, UnsupportedFormatError))


def test_importing_the_readers_loads_no_format_library():
    code = ("import sys, plantext.io; heavy = {'docx', 'pypdf', 'bs4', 'lxml', 'charset_normalizer'}; "
            "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))")
    src_dir = pathlib.Path(__file__).resolve().parents[2] / "src"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(src_dir)})
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("arg, hint", [(b"plan text", "read_bytes"), (None, "NoneType"), (42, "int")])
def test_read_of_something_that_is_not_a_path_is_a_clear_error(arg, hint):
    with pytest.raises(InputError, match=hint):
        read(arg)
