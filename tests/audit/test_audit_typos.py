"""Typos: confusion set, general rules, the character LM and its noisy-channel decision."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest

from plantext.audit.charlm import CharLM
from plantext.audit.typo_calibrate import inject
from plantext.audit.typo_lm import lm_typos, score_candidates
from plantext.audit.typo_model import default_model, train_model
from plantext.audit.typo_rules import rule_typos
from plantext.audit.typos import find_typos, load_confusions

from audit_fixtures import SHARED, TEAM

# the seed page's own typos: test data only, never in a shipped table (the before-stop check)
SEED_TYPOS = json.loads((SHARED / "gold" / "seeds__000_416a0e5637168323.json").read_text("utf-8"))["typos"] \
    if (SHARED / "gold" / "seeds__000_416a0e5637168323.json").is_file() else []

needs_model = pytest.mark.skipif(default_model() is None, reason="no typo model trained")


@pytest.mark.parametrize("text, wrong, right", [
    # general rules
    ("要在在社区范围内开展宣传", "在在", "在"),
    ("把两项工作相结合相结合，形成合力", "相结合相结合", "相结合"),
    ("开展政策宣传、、法律咨询等活动", "、、", "、"),
    ("全年完成整改任务。。下一步", "。。", "。"),
    ("各部门要积极的推进改革任务", "积极的", "积极地"),
    ("始终保持坚定地理想信念", "坚定地", "坚定的"),
    ("这项工作做的很好", "做的", "做得"),
    ("各单位必需坚持问题导向", "必需", "必须"),
    ("储备一批必须品", "必须", "必需"),
    ("形成二项长效机制", "二项", "两项"),
    ("及时清理帐户资金", "帐", "账"),
    ("与企业签定合作协议", "签定", "签订"),
    ("于2025年2月30日前完成", "2025年2月30日", "2025年2月30日"),
    ("实施期为2026—2024年", "2026—2024年", "2026—2024年"),
    # confusion set (public lists of common misspellings)
    ("截止2023年底，社区已建成", "截止", "截至"),
    ("要一如继往地支持", "一如继往", "一如既往"),
])
def test_rule_and_table_typos_found_with_correction(text, wrong, right):
    typos = find_typos(text, generalise=False)
    assert [(t.wrong, t.right) for t in typos] == [(wrong, right)]
    t = typos[0]
    assert text[t.start:t.end] == wrong


@pytest.mark.parametrize("text", [
    "协调解决创建中的重大问题",
    "天天向上，常常检查，人人参与，处处留心",
    "踏踏实实做好工作，方方面面都要兼顾，家家户户受益",
    "一个一个地解决，一步一步地推进",
    "生活必需品供应充足，这是发展所必需的条件",
    "第二个阶段，十二个社区，二十个网格",
    "通过广泛深入的宣传教育",
    "积极的财政政策要加力提效",
    "所做的很多工作得到认可",
    "2024年2月29日召开会议，3月31日前完成",
    "报名截止日期为5月10日",
    "以习近平新时代中国特色社会主义思想为指导，全面贯彻",
    "健全体制机制，促进社会平安祥和",
    "长×宽×高不超过1米……详见附件——表格",
])
def test_correct_text_not_flagged(text):
    assert find_typos(text) == []


@pytest.mark.parametrize("text, flagged", [
    ("1978年政府工作报告\n建立个人帐户制度，签定合作协议，建设二个车间", []),
    ("1993年政府工作报告\n建立个人帐户制度，签定合作协议，建设二个车间", ["二个"]),
    ("2024年社区工作计划\n建立个人帐户制度，签定合作协议，建设二个车间", ["帐", "签定", "二个"]),
    ("建立个人帐户制度，签定合作协议，建设二个车间", ["帐", "签定", "二个"]),      # undated: today's norms
    ("1998年工作总结\n二个车间，签定协议", ["二个"]),                              # 二个 was nonstandard by then
    ("2024年工作要点\n各单位要作好防汛物资的准备工作，作好宣传", ["作好"]),
])
def test_usage_norms_apply_from_their_year(text, flagged):
    """A usage pair is not flagged in a document dated before the norm that made the form nonstandard."""
    assert [t.wrong for t in find_typos(text, generalise=False)] == flagged


def test_usage_norms_table_has_a_year_and_source_for_every_pair():
    from plantext.audit.typo_rules import _FIXED_USAGE, usage_norms

    norms = usage_norms()
    assert {u[0] for u in _FIXED_USAGE} | {"er-measure", "zhang-account"} <= set(norms)
    assert all(isinstance(n["since"], int) and n["norm"] for n in norms.values())


@needs_model
@pytest.mark.parametrize("text, right", [
    ("坚决打嬴脱贫攻坚战，巩固拓展成果", "打赢"),
    ("全面推进乡村震兴，加快农业农村现代化", "振兴"),
    ("认真贯澈落实党中央决策部署", "贯彻"),
    ("保持物价基本温定", "稳定"),
])
def test_lm_finds_slips_with_no_table(text, right):
    cs = load_confusions()
    empty = type(cs)((), (), (), None)
    found = find_typos(text, confusions=empty)
    assert [t.right for t in found] == [right]
    assert found[0].rule == "lm"


@needs_model
def test_lm_gain_sees_a_real_word_in_the_wrong_place():
    """构件 is a word, but not here: the context makes 构建 the candidate with by far the largest gain
    (the calibrated decision lets only some real-word errors through: README, issue 20)."""
    text = "加快构件现代化产业体系"
    pos, new, gain, _, _, _ = score_candidates(text, default_model())
    best = int(np.argmax(gain))
    assert (text[pos[best]], chr(int(new[best]) - 1)) == ("件", "建") and gain[best] > 15


def _tiny_model():
    texts = ["加强组织领导，切实抓好帮教对象的转化工作。", "协调解决创建中的重大问题，切实加强领导。",
             "坚决打赢脱贫攻坚战，协调解决重大问题。"] * 25    # characters seen 20+ times become candidates
    return train_model(texts)


def test_candidate_gain_equals_full_rescoring():
    """The vectorised shift of the hashes scores a candidate exactly as rescoring its text does."""
    model = _tiny_model()
    text = "切实抓好帮教对象，协调解绝重大问题，坚决打嬴攻坚战，加强组织领到。"
    pos, new, gain, prior, _, _ = score_candidates(text, model)
    assert len(pos) >= 3
    base = model.lm.logprob(text)
    for p, c, g, pr in zip(pos, new, gain, prior):
        swapped = text[:p] + chr(int(c) - 1) + text[p + 1:]
        assert model.lm.logprob(swapped) - base == pytest.approx(g - pr, abs=1e-6)


def test_lm_save_load_round_trip(tmp_path):
    model = _tiny_model()
    model.save(tmp_path / "m")
    back = type(model).load(tmp_path / "m")
    assert np.array_equal(back.lm.keys, model.lm.keys) and np.array_equal(back.cand, model.cand)
    s = "协调解决重大问题"
    assert back.lm.logprob(s) == pytest.approx(model.lm.logprob(s))
    assert json.loads((tmp_path / "m" / "meta.json").read_text("utf-8"))["task"] == "typos"


def test_lm_prefers_seen_text():
    lm = CharLM.train(["协调解决重大问题"] * 5)
    assert lm.logprob("协调解决重大问题") > lm.logprob("协调解块重大问题")


def test_injection_writes_confusable_characters():
    model = _tiny_model()
    text = "加强组织领导，切实抓好帮教对象的转化工作，协调解决创建中的重大问题，坚决打赢脱贫攻坚战。"
    bad, truth = inject(text, model, random.Random(1), per_doc=3)
    assert 1 <= len(truth) <= 3 and len(bad) == len(text)
    assert all(bad[i] != ch and text[i] == ch for i, ch in truth.items())


@needs_model
def test_vocabulary_protects_names():
    text = "坚决打嬴脱贫攻坚战"
    assert lm_typos(text, default_model())
    assert lm_typos(text, default_model(), vocabulary=frozenset({"打嬴"})) == []


def test_rules_leave_doubled_words_the_genre_uses():
    assert rule_typos("时时放在心上，事事有回音") == []


@pytest.mark.skipif(not SEED_TYPOS, reason="seed gold absent")
def test_seed_typos_found_without_entries_of_their_own():
    """What the check finds on the seed page with no table entry of the seed's (measured: see README)."""
    text = (SHARED / "seeds" / "000_416a0e5637168323.txt").read_text(encoding="utf-8")
    found = find_typos(text)
    tables = json.dumps(load_confusions().words, ensure_ascii=False)
    assert not any(g["wrong"] in tables for g in SEED_TYPOS if len(g["wrong"]) >= 2 and g["wrong"] != "自愿者")
    hit = sum(any(g["wrong"] in t.wrong or t.wrong in g["wrong"] for t in found) for g in SEED_TYPOS)
    alarms = sum(not any(g["wrong"] in t.wrong or t.wrong in g["wrong"] for g in SEED_TYPOS) for t in found)
    assert hit >= SEED_MIN_HITS
    assert alarms <= 2


@pytest.mark.skipif(not (TEAM / "annotations").is_dir(), reason="team corpus absent")
def test_team_corpus_typos_without_entries_of_their_own():
    total = hit = alarms = 0
    for ann in sorted((TEAM / "annotations").glob("*.json")):
        gold = json.loads(ann.read_text(encoding="utf-8"))
        text = (TEAM.parents[1] / gold["file"]).read_text(encoding="utf-8")
        found = find_typos(text)
        wanted = [g["wrong"] for g in gold.get("typos") or []]
        total += len(wanted)
        hit += sum(any(w in t.wrong or t.wrong in w for t in found) for w in wanted)
        alarms += sum(not any(w in t.wrong or t.wrong in w for w in wanted) for t in found)
    assert hit >= TEAM_MIN_HITS
    assert alarms <= TEAM_MAX_ALARMS


# measured with the shipped model (README, "Typo check"): seed 5/16 (+ one real doubled comma
# the gold does not list), team corpus 9/24 with no false alarm
SEED_MIN_HITS = 5
TEAM_MIN_HITS = 9
TEAM_MAX_ALARMS = 1


def test_findings_point_into_the_users_text_after_cleaning():
    """Offsets, line and column index the text as given, not the cleaned plan.text."""
    from plantext.audit import audit

    text = ("\n\n   阳光社区2024年平安建设工作计划\n\n\n- 1 -\n"
            "一、主要任务\n　　要要组建巡逻队，每周巡逻不少于3次。\n二、工作要求\n各单位必需坚持问题导向。\n")
    rep = audit(text, model="none", suggest=False)
    typos = [f for f in rep.findings if f.code == "typo"]
    assert {f.data["wrong"] for f in typos} >= {"要要", "必需"}
    for f in typos:
        assert text[f.source_start:f.source_end] == f.data["wrong"]
        line = text.split("\n")[f.line - 1]
        assert line[f.col - 1:].startswith(f.data["wrong"])
        assert rep.plan.text[f.start:f.end] == f.data["wrong"]
    assert rep.plan.text != text           # cleaning did move the offsets


def test_a_corrupt_typo_model_is_refused_with_a_clear_error(tmp_path):
    from plantext.errors import PlanTextError

    model = _tiny_model()
    model.save(tmp_path / "m")
    (tmp_path / "m" / "ngrams.npz").write_bytes(b"not the arrays")
    with pytest.raises(PlanTextError):
        type(model).load(tmp_path / "m")


def test_train_typos_command_builds_a_loadable_model(tmp_path):
    from click.testing import CliRunner

    from plantext.audit.typo_model import TypoModel
    from plantext.cli import main

    real = tmp_path / "shared" / "corpora" / "real" / "src"
    real.mkdir(parents=True)
    for k in range(3):
        (real / f"{k}.txt").write_text("协调解决创建中的重大问题，切实加强组织领导。\n" * 30, encoding="utf-8")
    out = tmp_path / "model"
    result = CliRunner().invoke(main, ["train", "typos", "--shared", str(tmp_path / "shared"),
                                       "--no-cv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    model = TypoModel.load(out)
    assert model.meta["training_data"]["real_corpus"]["documents"] == 3
    assert model.lm.logprob("协调解决重大问题") > model.lm.logprob("协调解绝重大问题")


def test_shape_candidates_are_not_crowded_out_by_homophones():
    """己 for 已: yi has far more homophones than a row holds, the shape-similar ones still get in."""
    import collections

    from plantext.audit.typo_model import MAX_CANDIDATES, build_table

    counts = collections.Counter({chr(x): 20 for x in range(0x4E00, 0x9FA6)})
    counts.update({"己": 80, "巳": 80})
    chars, cand, _ = build_table(counts)
    row = cand[list(chars).index(ord("已") + 1)]
    got = {chr(int(x) - 1) for x in row if x}
    assert len(got) == MAX_CANDIDATES and {"己", "巳"} <= got


def test_glyph_shape_pairs_are_pairs_of_different_characters():
    from plantext.audit.typo_model import GLYPH_FILE, shape_groups

    pairs = shape_groups(GLYPH_FILE)
    assert len(pairs) > 1000
    assert all(len(p) == 2 and p[0] != p[1] for p in pairs)
    assert {"未末", "末未"} & set(pairs)


def test_decision_features_derive_the_word_evidence():
    from plantext.audit.typo_lm import DECISION_FEATURES, FEATURES, decision_features

    X = np.zeros((2, len(FEATURES)))
    X[:, 0] = 10.0                         # gain
    X[0, 7], X[0, 8], X[0, 9], X[0, 10] = 0.0, 8.0, 0, 1    # a non-word corrected into a common word
    X[1, 7], X[1, 8], X[1, 9], X[1, 10] = 7.0, 8.0, 1, 1    # a word corrected into another
    D = decision_features(X)
    assert D.shape == (2, len(DECISION_FEATURES))
    assert D[:, -3].tolist() == [1, 0] and D[:, -2].tolist() == [10, 0] and D[:, -1].tolist() == [8, 1]
    assert decision_features(X, len(FEATURES)).shape == (2, len(FEATURES))   # an older calibration


def test_glyph_similarity_ranks_look_alikes_first():
    pytest.importorskip("PIL")
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "benchmarks"))
    import glyph_shapes

    font = next((f for f in glyph_shapes.FONTS if pathlib.Path(f).is_file()), None)
    if font is None:
        pytest.skip("no CJK font")
    v = glyph_shapes.render(list("未末水己已人"), font)
    sim = v @ v.T
    assert sim[0, 1] > sim[0, 2] and sim[3, 4] > sim[3, 5]
