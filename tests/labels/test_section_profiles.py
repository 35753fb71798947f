"""Section profiles per document type, and users' own profile files."""

from __future__ import annotations

import json

import pytest

from plantext.document import ROLES
from plantext.errors import DataError, InputError
from plantext.labels import (DOC_TYPES, SECTION_ROLES, default_headings, load_profile,
                             profile_for)


@pytest.mark.parametrize("doc_type", DOC_TYPES)
def test_builtin_profile_is_consistent(doc_type):
    profile = profile_for(doc_type)
    tiers = profile.required + profile.recommended + profile.optional
    assert profile.doc_type == doc_type and profile.zh
    assert len(set(tiers)) == len(tiers) and set(tiers) <= set(SECTION_ROLES)
    assert set(profile.order) == set(tiers)
    assert all(profile.headings[role] for role in tiers)
    assert load_profile(doc_type) is profile


@pytest.mark.parametrize("doc_type, required, recommended, not_expected", [
    ("implementation_plan", {"guiding", "goal", "measure", "safeguard"}, {"schedule", "preamble"}, set()),
    ("work_plan", {"goal", "measure"}, {"guiding", "safeguard"}, set()),
    # a 工作要点 is a task list: its opening 总体要求 comes and goes
    ("work_points", {"measure"}, set(), set()),
    ("gov_work_report", {"review", "goal", "measure"}, {"guiding"}, {"safeguard", "schedule", "assessment"}),
    # a 工作总结 reports what was done; it has no 保障措施 or 实施步骤
    ("work_summary", {"review"}, {"measure"}, {"safeguard", "schedule", "assessment"}),
    ("opinion", {"guiding", "measure"}, {"safeguard"}, set()),
    # one event: its 活动内容 holds the measures; no review, no assessment
    ("activity_plan", {"measure"}, {"goal", "safeguard"}, {"review", "assessment"}),
    # type unknown: a generic plan
    ("other", {"measure"}, {"goal"}, set()),
])
def test_what_each_document_type_expects(doc_type, required, recommended, not_expected):
    profile = profile_for(doc_type)
    assert set(profile.required) == required
    assert recommended <= set(profile.recommended)
    assert set(profile.not_expected) == not_expected
    assert not set(profile.not_expected) & set(profile.expected + profile.optional)
    assert profile.tier(next(iter(not_expected))) == "not_expected" if not_expected else True


def test_activity_plan_equivalents():
    profile = profile_for("activity_plan")
    # 活动主题, or the opening that says what the event is for, does the work of 目的
    assert set(profile.equivalents["goal"]) == {"guiding", "preamble"}
    assert "注意事项" in profile.stand_ins["safeguard"]           # safety notes hold the arrangements
    assert "活动地点" in profile.fields and not profile.owner_per_item
    assert "requirement" in profile.recommended                  # labels.md: 活动要求


def test_profile_helpers():
    profile = profile_for("implementation_plan")
    assert profile.tier("goal") == "required"
    assert profile.tier("schedule") == "recommended"
    assert profile.tier("review") == "optional"
    assert profile.tier("other") is None
    assert profile.expected[:4] == profile.required
    assert profile.heading("safeguard") == "保障措施"
    assert profile.order.index("guiding") < profile.order.index("measure")


def test_default_headings_cover_every_role():
    assert set(default_headings()) == set(ROLES)
    assert default_headings()["schedule"] == "实施步骤"


def _write(tmp_path, doc) -> str:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_minimal_user_profile_gets_defaults(tmp_path):
    path = _write(tmp_path, {"doc_type": "community_event", "required": ["measure", "goal"],
                             "optional": ["schedule"]})
    profile = load_profile(path)
    assert profile.doc_type == "community_event"
    assert profile.order == ("goal", "measure", "schedule")
    assert profile.heading("goal") == "工作目标" and not profile.headings


@pytest.mark.parametrize("doc, reason", [
    ({"doc_type": "x", "required": ["goal"], "not_expected": ["goal"]},
     "role 'goal' is in both 'required' and 'not_expected'"),
    ({"doc_type": "x", "required": ["goal"], "equivalents": {"goal": ["goal"]}},
     "'equivalents' of 'goal' lists the role itself"),
    ({"doc_type": "x", "required": ["goal"], "equivalents": {"goal": ["aims"]}}, "not a section role"),
    ({"doc_type": "x", "required": ["goal"], "fields": "活动地点"}, "'fields' must be a list"),
    ({"doc_type": "x", "required": ["goal"], "stand_ins": {"goal": "目的"}}, "list of heading words"),
    ({"doc_type": "x", "required": ["goal"], "owner_per_item": "no"}, "must be true or false"),
    ({"required": ["goal"]}, "lacks required field(s) 'doc_type'"),
    ({"doc_type": "x"}, "lacks required field(s) 'required'"),
    ({"doc_type": "x", "required": "goal"}, "'required' must be a list"),
    ({"doc_type": "x", "required": ["aims"]}, "'required' holds 'aims', not a section role"),
    ({"doc_type": "x", "required": ["goal"], "optional": ["goal"]},
     "role 'goal' is in both 'required' and 'optional'"),
    ({"doc_type": "x", "required": ["goal", "goal"]}, "'required' lists a role twice"),
    ({"doc_type": "x", "required": ["goal", "measure"], "order": ["goal"]},
     "'order' lacks role(s) measure"),
    ({"doc_type": "x", "required": ["goal"], "headings": {"aims": "目标"}},
     "'headings' has key 'aims'"),
    ({"doc_type": "x", "required": ["goal"], "headings": {"goal": ""}},
     "'headings' of 'goal' must be a non-empty string"),
    ({"doc_type": "x", "required": ["goal"], "colour": "red"}, "unknown key(s) 'colour'"),
    (["goal"], "the profile must be a JSON object"),
])
def test_malformed_user_profile(tmp_path, doc, reason):
    path = _write(tmp_path, doc)
    with pytest.raises(DataError) as info:
        load_profile(path)
    assert info.value.code == "E010" and reason in str(info.value) and path in str(info.value)


def test_unknown_names():
    with pytest.raises(InputError, match="E009"):
        profile_for("plan")
    with pytest.raises(DataError, match="E009.*work_plan"):
        load_profile("plan")
    with pytest.raises(DataError, match="E006"):
        load_profile("no/such/profile.json")
