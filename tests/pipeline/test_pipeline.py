"""The pipeline object: nlp = pt.load(...) owns its models and runs named, replaceable stages."""

from __future__ import annotations

import pickle
import warnings

import pytest

import plantext as pt
from plantext.learn.labeller import Labeller
from plantext.resources import models_dir

PLAN = ("社区2024年养老服务工作计划\n为做好今年的养老服务工作，制定本计划。\n一、工作目标\n"
        "到2024年底，辖区独居老人探访覆盖率达到100%。\n二、主要措施\n"
        "（一）为独居老人提供助餐服务，每周不少于三次。\n（二）组织志愿者开展上门探访。\n")
STAGES = ["read", "clean", "split", "outline", "roles", "themes"]


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def mark_every_theme(state):
    """A replacement themes stage (module level, so a pipeline using it still pickles)."""
    for plan in state.plans:
        for seg in plan.segments:
            seg.themes = ["marked"]


@pytest.fixture(scope="module")
def nlp():
    return pt.load("sm")


def test_load_gives_named_stages_and_the_same_plans_as_parse(nlp):
    assert nlp.stage_names == STAGES
    assert nlp.parse(PLAN).to_dict() == pt.parse(PLAN).to_dict()
    assert [p.to_dict() for p in nlp.parse_many(PLAN)] == [p.to_dict() for p in pt.parse_many(PLAN)]


def test_the_module_functions_run_a_default_pipeline_made_once():
    from plantext.defaults import pipeline_for

    assert pipeline_for(None) is pipeline_for("sm")
    assert pipeline_for("none") is not pipeline_for("sm")
    mine = pt.load("sm")
    assert pipeline_for(mine) is mine


def test_each_pipeline_owns_its_models():
    a, b = pt.load("sm"), pt.load("sm")
    assert a.labeller is not None and a.labeller is not b.labeller
    assert "labeller" in a.resources and "labeller" not in pt.load("sm").resources   # loaded lazily


def test_a_stage_can_be_replaced_removed_or_added(nlp):
    custom = pt.load("sm")
    custom.replace_stage("themes", mark_every_theme)
    assert {t for s in custom.parse(PLAN).segments for t in s.themes} == {"marked"}
    seen = []
    custom.add_stage("count", lambda state: seen.append(len(state.plans)), after="outline")
    assert custom.stage_names == ["read", "clean", "split", "outline", "count", "roles", "themes"]
    custom.parse(PLAN)
    assert seen == [1]
    custom.remove_stage("themes")
    plan = custom.parse(PLAN)
    assert {t for s in plan.segments for t in s.themes} <= {"none"} and plan.model == "sm"
    with pytest.raises(pt.InputError, match="stage"):
        custom.replace_stage("no-such-stage", mark_every_theme)
    assert nlp.stage_names == STAGES            # the other pipeline is untouched


def test_a_pipeline_is_what_audit_corpus_and_parse_take():
    custom = pt.load("sm")
    custom.replace_stage("themes", mark_every_theme)
    assert _quiet(pt.parse, PLAN, model=custom).segments[-1].themes == ["marked"]
    report = _quiet(pt.audit, PLAN, nlp=custom, suggest=False)
    assert report.plan.segments[-1].themes == ["marked"]
    assert _quiet(custom.audit, PLAN, suggest=False).plan.segments[-1].themes == ["marked"]
    frame = _quiet(pt.Corpus.from_texts([PLAN], nlp=custom).process(workers=1, cache=False,
                                                                     progress=False).to_frame)
    assert {t for ts in frame.themes for t in ts} == {"marked"}


def test_a_pipeline_pickles_for_worker_processes():
    custom = pt.load("sm")
    custom.replace_stage("themes", mark_every_theme)
    custom.labeller                                   # loaded here: not shipped, reloaded there
    back = pickle.loads(pickle.dumps(custom))
    assert back.stage_names == STAGES and "labeller" not in back.resources
    assert back.parse(PLAN).segments[-1].themes == ["marked"]
    assert back.fingerprint() == custom.fingerprint() != pt.load("sm").fingerprint()


def test_models_a_user_gives_replace_the_named_ones():
    sm = pt.load("sm").labeller
    roles_only = pt.load("sm", labeller=Labeller("mine", roles=sm.roles, themes=None))
    plan = roles_only.parse(PLAN)
    assert plan.model == "mine" and {t for s in plan.segments for t in s.themes} <= {"none"}
    assert any(s.role_from == "model" for s in plan.segments)


def test_none_and_a_models_folder_and_a_bad_name():
    plan = pt.load("none").parse(PLAN)
    assert plan.model is None and {s.role_from for s in plan.segments} <= {"heading", "rule", "none",
                                                                              "furniture"}
    assert pt.load(models_dir()).parse(PLAN).to_dict() == pt.parse(PLAN).to_dict()
    with pytest.raises(pt.InputError, match="model"):
        pt.load("medium")
