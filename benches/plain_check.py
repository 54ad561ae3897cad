#!/usr/bin/env python3
"""The plain approach: a Python script that reads each report file and applies
the same table rules (T3 balance, outcome totals, row totals; T4 group totals).

It reads rows the simple way (a known row label, then the numbers that follow on
the same line or on the next lines) and knows none of the layouts' traps: it is
the speed peer for `ogi check`, not a parser to trust.

    python3 benches/plain_check.py DIR
"""
import os
import re
import sys
import time

ROWS = [
    "本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "予以公开", "部分公开",
    "属于国家秘密", "其他法律行政法规禁止公开", "危及", "保护第三方合法权益", "属于三类内部事务信息",
    "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项", "本机关不掌握相关政府信息",
    "没有现成信息需要另行制作", "补正后申请内容仍不明确", "信访举报投诉类申请", "重复申请",
    "要求提供公开出版物", "无正当理由大量反复申请", "要求行政机关确认或重新出具已获取信息",
    "逾期不补正", "未按收费通知要求缴纳费用", "3.其他", "总计", "结转下年度继续办理",
]
NUM = re.compile(r"-?\d+")


def read_rows(text):
    rows = {}
    pos = text.find("三、收到和处理政府信息公开申请情况")
    if pos < 0:
        return rows
    for label in ROWS:
        i = text.find(label, pos)
        if i < 0:
            continue
        nums = [int(n) for n in NUM.findall(text[i + len(label): i + len(label) + 200])[:7]]
        if len(nums) == 7:
            rows[label] = nums
        pos = i + len(label)
    return rows


def check(text):
    findings = []
    rows = read_rows(text)
    for label, vals in rows.items():
        if sum(vals[:6]) != vals[6]:
            findings.append(("t3.row_total", label))
    outcome = [rows[l] for l in ROWS[2:23] if l in rows]
    if "总计" in rows and outcome:
        for c in range(7):
            if sum(r[c] for r in outcome) != rows["总计"][c]:
                findings.append(("t3.outcome_total", c))
    keys = (ROWS[0], ROWS[1], "总计", ROWS[24])
    if all(k in rows for k in keys):
        for c in range(7):
            if rows[keys[0]][c] + rows[keys[1]][c] != rows[keys[2]][c] + rows[keys[3]][c]:
                findings.append(("t3.balance", c))
    t4 = text.find("四、政府信息公开行政复议")
    if t4 >= 0:
        nums = [int(n) for n in NUM.findall(text[t4: t4 + 2000])][:15]
        for g in range(0, len(nums) - 4, 5):
            if sum(nums[g: g + 4]) != nums[g + 4]:
                findings.append(("t4.group_total", g // 5))
    return findings


def main():
    root = sys.argv[1]
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs)
    start = time.perf_counter()
    total = 0
    for path in files:
        with open(path, "rb") as fh:
            text = fh.read().decode("utf-8", "replace")
        total += len(check(text))
    secs = time.perf_counter() - start
    print(f"plain python: {len(files)} files in {secs:.2f} s = {len(files) / secs:.0f} files/s ({total} findings)")


if __name__ == "__main__":
    main()
