"""Write one blind reading round: the 12 "before" and 12 "after" drafts, shuffled and unlabelled.

    python benchmarks/draft_reading/make_drafts.py /tmp/after.json     # current code
    PYTHONPATH=<checkout of 9a34b7e>/src python benchmarks/draft_reading/make_drafts.py /tmp/before.json
    python benchmarks/draft_reading/make_round.py /tmp/before.json /tmp/after.json 4

writes ``roundN/draft_01.md`` … ``draft_24.md`` and ``roundN/INSTRUCTIONS.md`` (all a
reader sees) and ``roundN_key.json`` beside the folder (document number → [before|after,
configuration]), in the format of the earlier rounds' keys.
"""

from __future__ import annotations

import json
import pathlib
import random
import sys

HERE = pathlib.Path(__file__).resolve().parent

INSTRUCTIONS = """# Reading check, round {n}: instructions for the reader

You are a new user of a tool that drafts Chinese work plans (工作计划, 实施方案, 工作要点,
工作总结, 政府工作报告, 意见) for a named unit: a community (社区) or village (村), a street
office (街道) or township (镇), or a county (县). This folder holds {count} drafts,
`draft_01.md` … `draft_{count:02d}.md`, in no particular order. Read only the files in this
folder: do not open the code, other folders or any file beside this folder.

A marker 【待补充：…】 is a gap the tool deliberately leaves for the author (a figure or a
fact it does not know). A gap makes a draft thinner, but it is not an error in itself.

Rate each draft for **coherence** from 1 to 5, as someone who would have to sign it:

- does it keep to **one subject** (the one in its title), section by section?
- does it speak with **one administrative level** throughout (the unit in its title, not a
  higher or lower office, not a town's voice in a street's plan)?
- is it **free of contradictions**: figures that disagree, goals that tasks do not serve, a
  schedule out of order, sentences that only make sense in the plan they came from
  (a disease, event, campaign or list the draft never introduces), items that repeat
  each other in other words?

5 reads as one plan written by the unit itself; 4 one or two small slips; 3 readable but
with noticeable faults; 2 several sections off subject or level; 1 a collage.

Write your answer as a Markdown table, one row per draft, in number order:

| doc | rating | faults |
|---|---|---|
| 01 | 4 | the faults you found, each with the words that show it (quote them) |

and finish with the mean rating over all {count} drafts.
"""


def main(before_json: str, after_json: str, n: int, seed: int | None = None) -> pathlib.Path:
    before = json.loads(pathlib.Path(before_json).read_text(encoding="utf-8"))
    after = json.loads(pathlib.Path(after_json).read_text(encoding="utf-8"))
    docs = [("before", k, v) for k, v in before.items()] + [("after", k, v) for k, v in after.items()]
    random.Random(seed if seed is not None else 1000 + n).shuffle(docs)
    folder = HERE / f"round{n}"
    folder.mkdir(exist_ok=False)
    key = {}
    for i, (which, conf, text) in enumerate(docs, 1):
        (folder / f"draft_{i:02d}.md").write_text(text.rstrip("\n") + "\n", encoding="utf-8")
        key[str(i)] = [which, str(conf)]
    (folder / "INSTRUCTIONS.md").write_text(INSTRUCTIONS.format(n=n, count=len(docs)),
                                            encoding="utf-8")
    (HERE / f"round{n}_key.json").write_text(json.dumps(key), encoding="utf-8")
    return folder


if __name__ == "__main__":
    print(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
