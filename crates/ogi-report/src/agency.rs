//! The kind of agency a report is for, recognised from the agency's name.
//!
//! One function, [`agency_kind`], serves every rule and summary that depends
//! on the level of the agency: the publication deadlines of the regulation
//! (`meta.late`), the township rule (`t2.township_regulations`), and any
//! grouping of reports by agency level.
//!
//! The name alone cannot always tell the level: a county-level city
//! (县级市, e.g. 五常市人民政府) reads like a prefecture-level one and is
//! recognised as [`AgencyKind::CityGovernment`]. Both are governments at
//! county level and above, so the deadline that applies is the same.

use serde::{Deserialize, Serialize};

/// What kind of agency a name designates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// A province, autonomous region or municipality's government (省、自治区、直辖市人民政府).
    ProvinceGovernment,
    /// A city, prefecture or league's government (市、州、盟人民政府).
    CityGovernment,
    /// A county or district's government (县、区、旗人民政府).
    CountyGovernment,
    /// A department of a government (局、委、办、厅…).
    Department,
    /// A township's government (乡、镇人民政府).
    Township,
    /// A street office (街道办事处).
    Subdistrict,
    /// A management committee of a zone (管委会: 开发区、实验区、新区…).
    Zone,
    /// The name says nothing certain.
    Unknown,
}

/// Suffixes of a department's name (checked after governments, townships,
/// street offices and zones).
const DEPARTMENT_SUFFIXES: [&str; 24] = [
    "局",
    "厅",
    "委员会",
    "委",
    "办公室",
    "办公厅",
    "办",
    "中心",
    "署",
    "院",
    "馆",
    "部",
    "会",
    "队",
    "所",
    "处",
    "站",
    "社",
    "司",
    "室",
    "支队",
    "大队",
    "分局",
    "集团",
];

/// Endings of a zone's name or of its committee.
const ZONE_SUFFIXES: [&str; 10] = [
    "管委会",
    "管理委员会",
    "开发区",
    "实验区",
    "试验区",
    "新区",
    "高新区",
    "园区",
    "示范区",
    "合作区",
];

/// The four municipalities directly under the central government.
const MUNICIPALITIES: [&str; 4] = ["北京市", "上海市", "天津市", "重庆市"];

impl AgencyKind {
    /// Every kind, in order from the province down.
    pub const ALL: [AgencyKind; 8] = [
        AgencyKind::ProvinceGovernment,
        AgencyKind::CityGovernment,
        AgencyKind::CountyGovernment,
        AgencyKind::Department,
        AgencyKind::Township,
        AgencyKind::Subdistrict,
        AgencyKind::Zone,
        AgencyKind::Unknown,
    ];

    /// The stable key (`"county_government"`, `"department"`…).
    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::ProvinceGovernment => "province_government",
            AgencyKind::CityGovernment => "city_government",
            AgencyKind::CountyGovernment => "county_government",
            AgencyKind::Department => "department",
            AgencyKind::Township => "township",
            AgencyKind::Subdistrict => "subdistrict",
            AgencyKind::Zone => "zone",
            AgencyKind::Unknown => "unknown",
        }
    }

    /// Reads a key given by [`AgencyKind::as_str`].
    pub fn parse(s: &str) -> Option<AgencyKind> {
        AgencyKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The kind's name in a language (`"zh"` or `"en"`).
    pub fn label(self, lang: &str) -> &'static str {
        let (zh, en) = match self {
            AgencyKind::ProvinceGovernment => ("省级人民政府", "provincial government"),
            AgencyKind::CityGovernment => ("市级人民政府", "city government"),
            AgencyKind::CountyGovernment => ("县级人民政府", "county or district government"),
            AgencyKind::Department => ("政府部门", "government department"),
            AgencyKind::Township => ("乡镇人民政府", "township government"),
            AgencyKind::Subdistrict => ("街道办事处", "street office"),
            AgencyKind::Zone => ("管委会", "zone management committee"),
            AgencyKind::Unknown => ("类别不明的机关", "agency of unclear kind"),
        };
        if lang == "en" {
            en
        } else {
            zh
        }
    }

    /// A government at county level or above (县级以上人民政府).
    pub fn is_government(self) -> bool {
        matches!(
            self,
            AgencyKind::ProvinceGovernment
                | AgencyKind::CityGovernment
                | AgencyKind::CountyGovernment
        )
    }

    /// A township or a street office (乡、镇、街道).
    pub fn is_township_level(self) -> bool {
        matches!(self, AgencyKind::Township | AgencyKind::Subdistrict)
    }

    /// The regulation's deadline for publishing the report of the year
    /// before, as (month, day) of the following year: 1月31日 for the
    /// departments of governments, 3月31日 for a government's own report.
    /// `None` for the kinds the regulation does not name.
    pub fn deadline(self) -> Option<(u32, u32)> {
        if self.is_government() {
            Some((3, 31))
        } else if self == AgencyKind::Department {
            Some((1, 31))
        } else {
            None
        }
    }
}

impl std::fmt::Display for AgencyKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The name with spaces, brackets' contents at the end ("（本级）") and
/// trailing punctuation removed.
fn clean(name: &str) -> String {
    let mut s: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    loop {
        let trimmed = s.trim_end_matches(['。', '.', '、', ',', '，', ':', '：']);
        let trimmed = if trimmed.ends_with(['）', ')']) {
            match trimmed.rfind(['（', '(']) {
                Some(i) if i > 0 => &trimmed[..i],
                _ => trimmed,
            }
        } else {
            trimmed
        };
        if trimmed.len() == s.len() {
            return s;
        }
        s = trimmed.to_string();
    }
}

/// The level of a place name that ends a government's name ("…县" in
/// "沭阳县人民政府").
fn government_of(place: &str) -> AgencyKind {
    if place.ends_with('乡') || place.ends_with('镇') {
        AgencyKind::Township
    } else if place.ends_with("街道") {
        AgencyKind::Subdistrict
    } else if place.ends_with('省') || place.ends_with("自治区") || MUNICIPALITIES.contains(&place)
    {
        AgencyKind::ProvinceGovernment
    } else if place.ends_with('县') || place.ends_with('区') || place.ends_with('旗') {
        AgencyKind::CountyGovernment
    } else if place.ends_with('市') {
        // "淮安市洪泽区" ends in 区; "苏州市昆山市" is a county-level city.
        let inner = &place[..place.len() - '市'.len_utf8()];
        if inner.contains('市') || inner.contains('州') {
            AgencyKind::CountyGovernment
        } else {
            AgencyKind::CityGovernment
        }
    } else if place.ends_with('州') || place.ends_with('盟') || place.ends_with("地区") {
        AgencyKind::CityGovernment
    } else {
        AgencyKind::Unknown
    }
}

/// Recognises the kind of agency from its name, as printed in a report's
/// title or signature (`"沭阳县发展和改革局"` → [`AgencyKind::Department`],
/// `"淮安市洪泽区人民政府"` → [`AgencyKind::CountyGovernment`]).
pub fn agency_kind(name: &str) -> AgencyKind {
    let name = clean(name);
    if name.is_empty() {
        return AgencyKind::Unknown;
    }
    if name.ends_with("街道办事处") || name.ends_with("街道办") || name.ends_with("街道")
    {
        return AgencyKind::Subdistrict;
    }
    if ZONE_SUFFIXES.iter().any(|s| name.ends_with(s)) {
        return AgencyKind::Zone;
    }
    for gov in ["人民政府", "政府"] {
        if let Some(place) = name.strip_suffix(gov) {
            return government_of(place);
        }
    }
    if name.ends_with('乡') || name.ends_with('镇') {
        return AgencyKind::Township;
    }
    if DEPARTMENT_SUFFIXES.iter().any(|s| name.ends_with(s)) {
        return AgencyKind::Department;
    }
    // A bare place name stands for its government ("平潭县", "上海市").
    match government_of(&name) {
        AgencyKind::Unknown => AgencyKind::Unknown,
        k if name.chars().count() <= 12 => k,
        _ => AgencyKind::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_real_agencies_give_their_kind() {
        let cases = [
            ("淮安市洪泽区人民政府", AgencyKind::CountyGovernment),
            ("沭阳县人民政府", AgencyKind::CountyGovernment),
            ("邵阳市大祥区人民政府", AgencyKind::CountyGovernment),
            ("上海市人民政府", AgencyKind::ProvinceGovernment),
            ("江苏省人民政府", AgencyKind::ProvinceGovernment),
            ("广西壮族自治区人民政府", AgencyKind::ProvinceGovernment),
            ("淮安市人民政府", AgencyKind::CityGovernment),
            ("苏州市昆山市人民政府", AgencyKind::CountyGovernment),
            ("延边朝鲜族自治州人民政府", AgencyKind::CityGovernment),
            ("沭阳县发展和改革局", AgencyKind::Department),
            ("上海市人民政府办公厅", AgencyKind::Department),
            ("平潭综合实验区交通与建设局", AgencyKind::Department),
            ("平潭综合实验区财政金融局", AgencyKind::Department),
            ("沭阳县卫生健康委员会", AgencyKind::Department),
            ("区统计局", AgencyKind::Department),
            ("五常市民意乡", AgencyKind::Township),
            ("桐梓县夜郎镇人民政府", AgencyKind::Township),
            ("西峡县太平镇政府", AgencyKind::Township),
            ("汉阳区江汉二桥街道办事处", AgencyKind::Subdistrict),
            ("武昌区中南路街道", AgencyKind::Subdistrict),
            ("平潭综合实验区", AgencyKind::Zone),
            ("苏州工业园区管委会", AgencyKind::Zone),
            ("淮安经济技术开发区管理委员会", AgencyKind::Zone),
            ("沭阳县人民政府（本级）", AgencyKind::CountyGovernment),
            ("", AgencyKind::Unknown),
            ("政务服务", AgencyKind::Unknown),
        ];
        for (name, kind) in cases {
            assert_eq!(agency_kind(name), kind, "{name}");
        }
    }

    #[test]
    fn deadlines_follow_the_regulation() {
        assert_eq!(AgencyKind::Department.deadline(), Some((1, 31)));
        assert_eq!(AgencyKind::CountyGovernment.deadline(), Some((3, 31)));
        assert_eq!(AgencyKind::ProvinceGovernment.deadline(), Some((3, 31)));
        for k in [
            AgencyKind::Township,
            AgencyKind::Subdistrict,
            AgencyKind::Zone,
            AgencyKind::Unknown,
        ] {
            assert_eq!(k.deadline(), None, "{k}");
        }
    }

    #[test]
    fn keys_round_trip() {
        for k in AgencyKind::ALL {
            assert_eq!(AgencyKind::parse(k.as_str()), Some(k));
        }
    }
}
