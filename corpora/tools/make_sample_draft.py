"""Write the bundled sample draft (team-written text) as .txt and .docx."""
import pathlib, docx
TEXT = """阳光社区2024年平安建设工作计划（征求意见稿）
为进一步提升__社区居民的安全感和满意度，根据街道平安建设工作部署，结合本社区实际，制定本计划。
一、指导思想
坚持以人民为中心，把平安建设作为社区治理的基础性工作，推动群防群治与技防物防相结合，努力营造安定有序的居住环境。
二、工作目标
进一步提升社区平安建设水平，不断增强居民群众的获得感。
三、主要任务
（一）织密治安防控网络
一是组建由楼栋长、物业人员和志愿者组成的巡逻队，每周开展不少于三次夜间巡逻；二是在小区出入口和重点路段增设视频监控，协调物业做好设备维护；三是加强出租房屋和流动人口信息登记，做到底数清、情况明。
（二）化解矛盾纠纷
发挥社区人民调解委员会作用，每月开展一次矛盾纠纷排查，对邻里纠纷做到早发现、早调处，切买把矛盾化解在萌芽状态。
（四）加强安全宣传
利用宣传栏、居民微信群和“平安课堂”，向居民普及防诈骗、防火、用电安全知识，组织自愿者服务队入户发放宣传资料。
四、实施步骤
第一阶段（20__年3月）：制定方案，布署任务。第二阶段（4月至10月）：全面实施各项措施。第三阶段（11月至12月）：总结评估，查找不足。
"""
out = pathlib.Path(__file__).resolve().parents[1] / "samples"
out.mkdir(parents=True, exist_ok=True)
(out / "draft-plan.txt").write_text(TEXT, encoding="utf-8")
d = docx.Document()
lines = TEXT.strip().split("\n")
d.add_heading(lines[0], level=0)
for line in lines[1:]:
    if line[:2] in ("一、", "二、", "三、", "四、"):
        d.add_heading(line, level=1)
    elif line.startswith("（"):
        d.add_heading(line, level=2)
    else:
        d.add_paragraph(line)
d.core_properties.title = lines[0]
d.save(out / "draft-plan.docx")
print("ok")
