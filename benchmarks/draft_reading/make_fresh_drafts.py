"""Round 5: 12 configurations never used before (held out: no rule was written from them).

    python benchmarks/draft_reading/make_fresh_drafts.py /tmp/fresh.json
"""
import sys, json, warnings
warnings.simplefilter("ignore")
import plantext as pt
from plantext.draft import to_markdown
CONF = [
 ("work_plan", ["environment"], "白沙村"),
 ("implementation_plan", ["security"], "南门街道"),
 ("work_summary", ["volunteer"], "金桂社区"),
 ("work_points", ["elderly"], "河口镇"),
 ("implementation_plan", ["safety"], "清水县"),
 ("work_plan", ["employment"], "长宁街道"),
 ("activity_plan", ["culture"], "枫林社区"),
 ("work_summary", ["security", "law"], "龙潭镇"),
 ("work_points", ["governance"], "翠湖社区"),
 ("implementation_plan", ["health"], "柳河村"),
 ("work_plan", ["veterans"], "清水县"),
 ("gov_work_report", ["rural", "environment"], "河口镇"),
]
out = {}
for i, (t, th, unit) in enumerate(CONF):
    try:
        plan = pt.draft(t, th, unit=unit, year=2026)
        out[str(i)] = to_markdown(plan)
    except Exception as e:
        print("FAIL", i, t, th, unit, repr(e)[:300])
json.dump(out, open(sys.argv[1], "w"), ensure_ascii=False)
json.dump([list(map(str, c)) for c in CONF], open(sys.argv[1] + ".conf", "w"), ensure_ascii=False)
print(len(out))
