"""The built-in task taxonomy and the checks on users' own taxonomy files."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest

from plantext.errors import DataError, PlanTextWarning
from plantext.labels import (CAP_TOPICS, available_taxonomies, load_taxonomy, parse_taxonomy)

LABELS_MD_CODES = ("party", "governance", "government", "economy", "rural", "urban",
                   "environment", "security", "safety", "law", "employment", "assistance",
                   "elderly", "health", "education", "culture", "civility", "volunteer",
                   "ethnic", "veterans")


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


def test_builtin_has_the_codes_of_labels_md(taxonomy):
    assert taxonomy.name == "community-v1" and taxonomy.version
    assert taxonomy.codes == LABELS_MD_CODES
    assert set(taxonomy.themes) == {*LABELS_MD_CODES, "none"}
    assert "community-v1" in available_taxonomies()


@pytest.mark.parametrize("code", LABELS_MD_CODES)
def test_builtin_theme_is_complete(taxonomy, code):
    theme = taxonomy[code]
    assert theme.zh and theme.en
    assert theme.description["zh"] and theme.description["en"]
    assert len(theme.keywords) >= 15 and len(set(theme.keywords)) == len(theme.keywords)
    assert theme.cap and all(c.code in CAP_TOPICS and c.name == CAP_TOPICS[c.code]
                             for c in theme.cap)
    assert all(s.code.startswith(code + ".") and s.zh for s in theme.subcodes)


@pytest.mark.parametrize("word, code", [
    ("居家养老", "elderly"), ("老年食堂", "elderly"), ("垃圾分类", "environment"),
    ("社区矫正", "law"), ("低保", "assistance"), ("双拥", "veterans"),
    ("网格员", "governance"), ("志愿服务", "volunteer"), ("消防", "safety"),
    ("计划生育", "health"), ("移风易俗", "civility"), ("流动人口", "security"),
])
def test_keyword_index(taxonomy, word, code):
    assert code in taxonomy.keyword_index()[word]


@pytest.mark.parametrize("code, cap", [
    ("environment", 7), ("security", 12), ("elderly", 13), ("health", 3),
    ("education", 6), ("rural", 4), ("employment", 5), ("veterans", 16),
])
def test_cap_crosswalk(taxonomy, code, cap):
    assert cap in [c.code for c in taxonomy[code].cap]


def _user_doc() -> dict:
    words = [f"词{i}" for i in range(15)]
    return {"name": "mine", "version": "0.1", "themes": [
        {"code": "parks", "zh": "公园", "en": "Parks", "keywords": words,
         "subcodes": [{"code": "parks.trees", "zh": "树", "en": "Trees", "keywords": ["树"]}],
         "cap": [{"code": 21}]},
        {"code": "none", "zh": "无", "en": "None", "keywords": []},
    ]}


def test_user_file_loads(tmp_path):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(_user_doc(), ensure_ascii=False), encoding="utf-8")
    for given in (path, str(path)):
        tax = load_taxonomy(given)
        assert tax.name == "mine" and tax.codes == ("parks",)
        assert tax["parks"].cap[0].name == "Public Lands"
        assert tax.keyword_index()["树"] == ("parks",)


def test_few_keywords_only_warn_in_a_user_file(tmp_path):
    doc = _user_doc()
    doc["themes"][0]["keywords"] = ["树", "草"]
    path = tmp_path / "few.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.warns(PlanTextWarning, match="2 keywords"):
        assert load_taxonomy(path).codes == ("parks",)
    with pytest.raises(DataError, match="fewer than 15"):
        parse_taxonomy(doc, strict=True)


def _set(path, value):
    def mutate(doc):
        *keys, last = path
        target = doc
        for k in keys:
            target = target[k]
        if value is KeyError:
            del target[last]
        else:
            target[last] = value
    return mutate


def _duplicate(doc):
    doc["themes"].append(copy.deepcopy(doc["themes"][0]))


@pytest.mark.parametrize("mutate, reason", [
    (_set(("themes", 0, "zh"), KeyError), "theme 'parks' lacks required field(s) 'zh'"),
    (_set(("themes",), KeyError), "lacks required field(s) 'themes'"),
    (_duplicate, "duplicate theme code 'parks'"),
    (_set(("themes", 0, "keywords"), "树,草"), "'keywords' must be a list"),
    (_set(("themes", 0, "keywords", 0), 3), "must hold non-empty strings; found 3"),
    (_set(("themes", 0, "keywords", 1), "词0"), "duplicate keyword(s) 词0"),
    (_set(("themes", 0, "colour"), "green"), "unknown key(s) 'colour'"),
    (_set(("extra",), 1), "the document has unknown key(s) 'extra'"),
    (_set(("themes", 0, "cap"), [{"code": 11}]), "CAP code 11 is not a CAP major topic"),
    (_set(("themes", 0, "cap"), [{"code": 21, "name": "Parks"}]),
     "is 'Public Lands', not 'Parks'"),
    (_set(("themes", 0, "subcodes", 0, "code"), "trees"), "must look like 'parks.some_name'"),
    (_set(("themes", 0, "code"), "Parks!"), "must be lower-case letters"),
    (_set(("themes",), []), "'themes' must be a non-empty list"),
    (_set(("themes", 0), "parks"), "theme #1 must be a JSON object"),
    (_set(("name",), ""), "'name' must be a non-empty string"),
])
def test_malformed_user_file(tmp_path, mutate, reason):
    doc = _user_doc()
    mutate(doc)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_taxonomy(path)
    assert info.value.code == "E010"
    assert reason in str(info.value) and str(path) in str(info.value)


def test_not_json(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{themes: [", encoding="utf-8")
    with pytest.raises(DataError, match="E010.*not UTF-8 JSON"):
        load_taxonomy(path)


def test_unknown_name_and_missing_file(tmp_path):
    with pytest.raises(DataError, match="E009.*community-v1"):
        load_taxonomy("community-v9")
    with pytest.raises(DataError, match="E006"):
        load_taxonomy(tmp_path / "absent.json")


def test_importing_labels_stays_light():
    code = ("import sys, plantext.labels as L; L.load_taxonomy(); L.match_heading_role('指导思想');"
            "heavy = {'jieba', 'pandas', 'torch', 'numpy', 'sklearn'} & set(sys.modules);"
            "assert not heavy, heavy")
    subprocess.run([sys.executable, "-c", code], check=True)
