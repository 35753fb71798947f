"""Write the notebooks of this folder from the cells below (run after editing them).

    python notebooks/make_notebooks.py

The notebooks are committed without outputs; ``tests/corpus/test_notebooks.py``
executes both so they never rot.
"""

from __future__ import annotations

import pathlib

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = pathlib.Path(__file__).resolve().parent

FIND_ROOT = '''import pathlib
import warnings

ROOT = pathlib.Path.cwd().resolve()
while not (ROOT / "corpora" / "community-v1").is_dir() and ROOT != ROOT.parent:
    ROOT = ROOT.parent
DOCS = ROOT / "corpora" / "community-v1" / "docs"
warnings.simplefilter("ignore")   # plantext keeps every warning on its results too
'''

TOUR = [
    ("md", "# plantext: a library tour\n\nRead a work plan, recover its outline, label each "
           "segment's role and themes, and audit it. Every cell runs on the team corpus in "
           "`corpora/community-v1/`."),
    ("code", FIND_ROOT + "\nimport plantext as pt\npt.__version__"),
    ("md", "## Parse a plan\n`pt.parse` takes text or a path (.txt .md .html .docx .pdf) and "
           "returns a `Plan` that owns the text; sections and segments hold offsets into it."),
    ("code", 'plan = pt.parse(DOCS / "cv1a01.txt")\nplan'),
    ("code", "print(plan.outline_str())"),
    ("md", "## Sections and segments\nSections form a tree; segments (headings, sentences, "
           "enumerated items) cover the text in reading order."),
    ("code", 'from plantext.labels.names import role_zh, themes_zh\n\n'
             'for section in plan.walk():\n'
             '    print("  " * (section.level - 1) + f"{section.marker}{section.title}  [{role_zh(section.role)}]")'),
    ("code", "seg = plan.segments[5]\nseg, plan.text[seg.start:seg.end] == seg.text"),
    ("md", "## One row per segment\n`Plan.to_frame()` gives a DataFrame with documented columns."),
    ("code", 'frame = plan.to_frame()\nframe[["seg_id", "path", "kind", "role", "themes", "text"]].head(12)'),
    ("md", "Codes stay in the frame (they join and filter reliably); `readable` shows them by their "
           "Chinese names for people."),
    ("code", 'from plantext.corpus import readable\n\n'
             'readable(frame[["seg_id", "path", "role", "themes", "text"]].head(12))'),
    ("md", "## Roles and themes\nRoles come from headings first (二、保障措施 → `safeguard`), then "
           "from the trained model; themes (zero to three per segment) from the theme model."),
    ("code", 'readable(frame["role"].value_counts().rename_axis("role").reset_index())'),
    ("code", 'from plantext.labels import load_taxonomy\n\ntaxonomy = load_taxonomy()\n'
             'themes = frame["themes"].explode().dropna().value_counts()\n'
             '{taxonomy.themes[c].zh if c in taxonomy.themes else c: n for c, n in themes.items()}'),
    ("md", "## Audit\n`pt.audit` checks a draft for missing sections, vague goals, measures "
           "without an owner or a deadline, placeholders, typos and numbering. Here the sample "
           "draft in `corpora/samples/` is audited; `report.to_html()` is the page staff read."),
    ("code", 'report = pt.audit(ROOT / "corpora" / "samples" / "draft-plan.docx")\n'
             'print(report.explain())\n'
             'print("缺少的部分：", "、".join(role_zh(r) for r in sorted(report.missing_roles)) or "无")\n'
             'for finding in report.findings[:8]:\n'
             '    print(finding.severity, finding.code, finding.line if hasattr(finding, "line") else "", '
             'finding.message)'),
    ("code", 'readable(report.to_frame()[["severity", "code", "role", "line", "message"]].head(8))'),
    ("md", "## Errors say what to do\nBad input raises a `PlanTextError` subclass with a code."),
    ("code", 'try:\n    pt.parse("   ")\nexcept pt.PlanTextError as exc:\n    print(type(exc).__name__, exc)'),
]

WALKTHROUGH = [
    ("md", "# A researcher's walkthrough\n\nWhich tasks do plans emphasise, how did that change "
           "over the years, which sections do documents of a type leave out, which words set "
           "one group apart, and which documents reuse a template? This notebook answers these "
           "for the plans of the team corpus (131 today); a cell at the end points it at your own folder."),
    ("code", "%matplotlib inline\n" + FIND_ROOT + "\nimport pandas as pd\nimport plantext as pt\n"
             "from plantext.corpus import (distinctive_terms, near_duplicates, readable,\n"
             "                             section_coverage, theme_keywords, theme_prevalence)\n"
             "from plantext.corpus.plots import (plot_distinctive_terms, plot_section_coverage,\n"
             "                                   plot_theme_prevalence)"),
    ("md", "## The corpus and its metadata\n`Corpus.from_dir` reads every .txt/.md/.html/.docx/"
           ".pdf file below a folder. Metadata comes from a manifest beside it: here "
           "`corpora/community-v1/MANIFEST.tsv`, built from the annotation files' `meta` by "
           "`corpora/tools/build_manifest.py`."),
    ("code", 'pd.read_csv(DOCS.parent / "MANIFEST.tsv", sep="\\t").head()'),
    ("code", "corpus = pt.Corpus.from_dir(DOCS)\ncorpus"),
    ("md", "## Processing\nDocuments are parsed in worker processes, with a progress bar; results "
           "are cached on disk, so running this cell again takes a moment."),
    ("code", "corpus.process(workers=2, progress=False)\ncorpus.stats, corpus.failures"),
    ("code", "frame = corpus.to_frame()      # one row per segment\n"
             "docs = corpus.documents()      # one row per document\n"
             "print(frame.shape, docs.shape)\n"
             'docs[["doc_id", "title", "doc_type", "year", "level", "n_segments", "coverage", "main_themes"]].head()'),
    ("md", "## Theme prevalence by year\nShares of each year's themed segments (a segment "
           "with two themes counts for both). The analyses return codes; `readable` shows "
           "them by their Chinese names."),
    ("code", 'prevalence = theme_prevalence(frame, by="year")\n'
             'readable(prevalence.pivot_table(index="theme", columns="year", values="share").round(2).fillna(0))'),
    ("md", "## Section coverage\nThe share of documents of each type (and level) that have each "
           "standard section."),
    ("code", 'readable(section_coverage(docs, by="doc_type").round(2))'),
    ("code", 'readable(section_coverage(docs, by=("doc_type", "level")).round(2).head(12))'),
    ("md", "## Distinctive terms\nWords that set community plans apart from county plans: "
           "the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn "
           "2008). In the segment table the administrative level is `doc_level` (`level` "
           "there is the outline depth)."),
    ("code", 'terms = distinctive_terms(frame, "doc_level", "community", "county", top=15)\nreadable(terms.head(20))'),
    ("code", "keywords = theme_keywords(frame, top=5)\n"
             'readable(keywords.groupby("theme")["term"].apply(" ".join).reset_index()) if len(keywords) else keywords'),
    ("md", "## Near-duplicates\nMinHash over character 5-grams finds template reuse between "
           "documents and between passages."),
    ("code", "near_duplicates(frame, threshold=0.5).head()"),
    ("code", 'near_duplicates(frame, threshold=0.8, level="segment", min_chars=40).head(10)'),
    ("md", "## Plots\nEach function returns a matplotlib Figure (`fig.savefig(\"x.png\")`). "
           "Axis labels, titles, legends and group names are Chinese when a CJK font is installed "
           "(`apt-get install fonts-noto-cjk`; .ci/run installs it), English otherwise."),
    ("code", 'fig = plot_theme_prevalence(frame, by="year", kind="area", top=8)\nfig'),
    ("code", 'fig = plot_section_coverage(docs, by="doc_type")\nfig'),
    ("code", "fig = plot_distinctive_terms(terms, top=12)\nfig"),
    ("md", "## Your own documents\nPoint the corpus at any folder of plans. Put a `manifest.csv` "
           "(a `file` column plus e.g. `year`, `region`, `level`, `doc_type`) in the folder or "
           "its parent to attach metadata; set `PLANTEXT_MY_DOCS` to try it here."),
    ("code", 'import os\n\nmy_folder = os.environ.get("PLANTEXT_MY_DOCS")   # e.g. "/data/plans"\n'
             "if my_folder:\n    mine = pt.Corpus.from_dir(my_folder).process()\n"
             '    display(theme_prevalence(mine.to_frame(), by="year"))\n'
             "    mine.to_parquet(\"my_corpus.parquet\")\nelse:\n"
             '    print("Set PLANTEXT_MY_DOCS to a folder of plans to run this cell on them.")'),
]


def build(cells) -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.cells = [new_markdown_cell(src) if kind == "md" else new_code_cell(src) for kind, src in cells]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:02d}"          # stable ids: regenerating gives no spurious diff
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def main() -> None:
    for name, cells in (("01_library_tour.ipynb", TOUR), ("02_research_walkthrough.ipynb", WALKTHROUGH)):
        nb = build(cells)
        nbformat.validate(nb)
        nbformat.write(nb, HERE / name)
        print(HERE / name)


if __name__ == "__main__":
    main()
