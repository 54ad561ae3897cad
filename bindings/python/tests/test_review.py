"""The reviewer's rules beyond the arithmetic, as Python sees them: the same
codes and messages as the core, the agency kinds, and copied text across a
series."""

from typing import Any, Dict

import ogi_report
import pytest

OVERVIEW = (
    "2023年，我局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实"
    "《中华人民共和国政府信息公开条例》。全年主动公开政府信息249条，其中政策文件9件，"
    "办理依申请公开26件，全部按期答复。"
)
PROBLEMS = (
    "（一）存在的主要问题。政策解读形式较为单一。（二）整改措施。一是丰富解读形式，"
    "加强图解、视频解读；二是完善留言办理机制，提高回复时效，定期通报办理情况。"
)


def report_text(agency: str, problems: str, other: str, date: str) -> str:
    return (
        f"{agency}2023年政府信息公开工作年度报告\n"
        "本年度报告所列数据的统计时限为2023年1月1日至2023年12月31日。\n"
        f"一、总体情况\n{OVERVIEW}\n"
        "二、主动公开政府信息情况\n详见下表。\n"
        "三、收到和处理政府信息公开申请情况\n详见下表。\n"
        "四、政府信息公开行政复议、行政诉讼情况\n详见下表。\n"
        f"五、存在的主要问题及改进情况\n{problems}\n"
        f"六、其他需要报告的事项\n{other}\n"
        f"{agency}\n{date}\n"
    )


def codes(text: str) -> Dict[str, Any]:
    return {f.code: f for f in ogi_report.check(text).findings}


def test_agency_kinds_come_from_the_core() -> None:
    assert ogi_report.agency_kind("沭阳县发展和改革局") == "department"
    assert ogi_report.agency_kind("淮安市洪泽区人民政府") == "county_government"
    assert ogi_report.agency_kind("桐梓县夜郎镇") == "township"
    assert ogi_report.agency_kind("平潭综合实验区") == "zone"
    assert ogi_report.agency_kind("政务服务") == "unknown"


def test_perfunctory_section_five_late_publication_and_missing_fee_statement() -> None:
    fs = codes(report_text("沭阳县发展和改革局", "暂无问题。", "无其他需要报告的事项。", "2024年2月20日"))
    assert fs["section.perfunctory"].path == "sections.problems"
    assert fs["fees.not_stated"].path == "sections.other"
    late = fs["meta.late"]
    assert late.severity == "warning" and late.path == "published"
    assert "2024年1月31日" in late.message and "20 days late" in late.message_en


def test_a_proper_report_gives_none_of_them() -> None:
    fs = codes(report_text("沭阳县发展和改革局", PROBLEMS, "本年度未收取信息处理费。", "2024年1月17日"))
    for code in ["section.perfunctory", "fees.not_stated", "meta.late", "meta.period"]:
        assert code not in fs, code


def test_copied_sections_are_found_across_a_series() -> None:
    this_year = report_text("沭阳县发展和改革局", PROBLEMS, "本年度未收取信息处理费。", "2024年1月17日")
    last_year = this_year.replace("2023", "2022").replace("2024", "2023").replace("249", "231")
    fs = ogi_report.validate_series([ogi_report.check(last_year), ogi_report.check(this_year)])
    copied = [f for f in fs if f.code == "series.prose_copied"]
    assert {f.path for f in copied} == {"sections.overview", "sections.problems"}
    assert all(f.year == 2023 and f.expected == 80 and (f.actual or 0) >= 95 for f in copied)


def test_labels_are_the_printed_words_of_the_form() -> None:
    assert ogi_report.label("t3.outcome.withheld.third_party.natural_person") == (
        "表三“（三）不予公开 4.保护第三方合法权益”行“自然人”列"
    )
    assert ogi_report.label("t4.review", "en") == "table 4, row “administrative review”"
    assert ogi_report.label("sections.problems") == "五、存在的主要问题及改进情况"
    assert ogi_report.label("t9.nothing") is None
    with pytest.raises(ValueError):
        ogi_report.label("t3", "fr")  # type: ignore[arg-type]
    # Messages use the same words, never the canonical keys.
    res = ogi_report.check("四、政府信息公开行政复议、行政诉讼情况\n行政复议 | 行政诉讼\n"
                           "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\n"
                           "1 | 0 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n")
    f = next(f for f in res.findings if f.code == "t4.group_total")
    assert "行政复议" in f.message and "review" not in f.message


def test_a_file_with_no_report_has_no_format() -> None:
    res = ogi_report.check("Lorem ipsum dolor sit amet, consectetur adipiscing elit.")
    assert res.report.format is None
    assert [f.code for f in res.findings] == ["input.no_report"]
    assert res.report.to_dict()["format"] is None
    assert ogi_report.check(SAMPLE).report.format == "2021"


SAMPLE = (
    "二、主动公开政府信息情况\n规章 | 0 | 0 | 3\n本年制发件数 | 本年废止件数 | 现行有效件数\n"
)


def test_a_key_given_twice_in_json_text_is_a_schema_finding() -> None:
    text = '{"format": "2021", "year": 2021, "year": 2022}'
    for data in (text, text.encode()):
        fs = ogi_report.validate(data)
        assert [f.code for f in fs] == ["schema.invalid"], fs
        assert fs[0].path == "year"


def test_row_column_and_group_labels_are_the_printed_forms_words() -> None:
    assert (
        ogi_report.row_label("t3", "outcome.withheld.third_party")
        == "（三）不予公开 4.保护第三方合法权益"
    )
    assert ogi_report.row_label("t2", "licensing", "en") == "administrative licensing"
    assert ogi_report.column_label("t3", "natural_person") == "自然人"
    assert ogi_report.column_label("t4", "upheld", "en") == "upheld"
    assert ogi_report.group_label("review") == "行政复议"
    assert ogi_report.group_label("litigation_direct", "en") is not None
    # The same words as the cell's whole label.
    whole = ogi_report.label("t3.outcome.withheld.third_party.natural_person")
    assert whole is not None and "自然人" in whole and "保护第三方合法权益" in whole
    assert ogi_report.row_label("t3", "nothing") is None
    assert ogi_report.column_label("t9", "total") is None
    assert ogi_report.group_label("appeal") is None
    with pytest.raises(ValueError, match="row_label"):
        ogi_report.row_label("t3", "carried_over", "fr")  # type: ignore[arg-type]
