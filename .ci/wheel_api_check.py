"""Run by .ci/wheel-check inside a fresh venv holding only the installed wheel.

Checks that an installed plantext finds its models and team corpus as package
data: a parse labels with the sm models (not headings only), suggest() returns
phrasings from the shipped corpus, audit() scores the sample, and no resource
comes from the checkout.
"""

import pathlib
import sys
import warnings

import plantext as pt
from plantext.resources import models_dir, team_corpus_dir

sample = sys.argv[1]
warnings.simplefilter("error", pt.PlanTextWarning)   # a missing model or corpus warns: fail on it
site = pathlib.Path(pt.__file__).resolve().parents[1]
assert site.name in ("site-packages", "dist-packages"), f"plantext imported from {pt.__file__}"
for what, folder in (("models", models_dir()), ("team corpus", team_corpus_dir())):
    assert folder.resolve().is_relative_to(site), f"{what} found outside the wheel: {folder}"
    assert folder.is_dir(), f"{what} missing: {folder}"

plan = pt.parse(sample)
assert plan.model == "sm", f"parsed without the models: {plan.model!r} {plan.warnings}"
assert any(s.themes and s.themes != ["none"] for s in plan.segments), "no themes: theme model not in effect"
assert "torch" not in sys.modules, "parse with sm imported torch"

hits = pt.suggest("加强社区养老服务", role="measure", k=3)
assert len(hits) == 3 and all(h.text for h in hits), f"suggest returned {hits!r}"

report = pt.audit(sample)
assert 0 <= report.score <= 100 and report.findings, "audit returned no findings"

import plantext.audit.typos  # noqa: E402,F401  (submodules of the callable packages import)

nlp = pt.load("sm")
assert nlp.parse(sample).to_dict() == plan.to_dict(), "the pipeline object parses differently"
roles = pt.RoleClassifier.from_model(models_dir() / "roles-sm")
assert roles.predict(["成立工作领导小组，加强组织领导。"])[0] == "safeguard"
print(f"wheel API check: {len(plan.segments)} segments, model {plan.model}, "
      f"{len(hits)} suggestions ({hits.mode}), audit score {report.score:.0f}, "
      f"{len(report.findings)} findings")
