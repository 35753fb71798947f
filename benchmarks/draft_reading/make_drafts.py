import sys, json, warnings, random
warnings.simplefilter("ignore")
import plantext as pt
from plantext.draft import to_markdown
CONF = [
 ("implementation_plan", ["civility","volunteer"], "阳光社区"),
 ("work_plan", ["security"], "青松社区"),
 ("work_plan", ["elderly","health"], "柳林村"),
 ("implementation_plan", ["environment"], "东湖街道"),
 ("work_points", ["security","safety"], "石门镇"),
 ("work_summary", ["civility"], "和平社区"),
 ("work_summary", ["elderly","assistance"], "桃源县"),
 ("gov_work_report", ["economy","urban"], "桃源县"),
 ("opinion", ["law"], "东湖街道"),
 ("implementation_plan", ["culture","volunteer"], "青松社区"),
 ("work_plan", ["party","governance"], "石门镇"),
 ("work_points", ["education","health"], "桃源县"),
]
out = {}
for i, (t, th, unit) in enumerate(CONF):
    plan = pt.draft(t, th, unit=unit, year=2026)
    out[i] = to_markdown(plan)
json.dump(out, open(sys.argv[1], "w"), ensure_ascii=False)
