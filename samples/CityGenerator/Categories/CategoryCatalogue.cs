using static CityGenerator.Categories.Platforms;

namespace CityGenerator.Categories;

/// <summary>
/// The category catalogue. Limits are durations: s/m/h are wall-clock, wh are working hours.
/// Urgent events get short wall-clock limits; routine work is measured in working hours.
/// </summary>
public static class CategoryCatalogue
{
    private const string Component = "部件";
    private const string Event = "事件";

    private sealed record Major(string Kind, string Code, string Name, string Platform,
        (string Minor, string Name, string Priority, string Limit)[] Minors);

    private static readonly Major[] Majors =
    [
        new(Component, "01", "公用设施", LawEnforcement,
        [
            ("01", "上水井盖", "high", "4h"), ("02", "污水井盖", "high", "4h"), ("03", "雨水井盖", "high", "4h"),
            ("04", "电力井盖", "high", "4h"), ("09", "路灯", "normal", "16wh"), ("10", "消防栓", "high", "8wh"),
        ]),
        new(Component, "02", "道路交通", LawEnforcement,
        [
            ("01", "交通信号灯", "high", "4h"), ("02", "交通护栏", "normal", "24wh"), ("03", "道路破损", "normal", "24wh"),
            ("04", "公交站亭", "normal", "24wh"), ("05", "路名牌", "low", "40wh"),
        ]),
        new(Component, "03", "市容环境", LawEnforcement,
        [
            ("01", "公厕", "normal", "8wh"), ("02", "垃圾箱", "normal", "16wh"), ("03", "垃圾收集站", "normal", "16wh"),
        ]),
        new(Component, "04", "园林绿化", LawEnforcement,
        [
            ("01", "行道树", "normal", "24wh"), ("02", "绿地", "low", "40wh"),
        ]),
        new(Component, "05", "房屋土地", LawEnforcement,
        [
            ("01", "危旧房屋", "high", "8wh"),
        ]),
        new(Event, "01", "市容环境", LawEnforcement,
        [
            ("01", "私搭乱建", "normal", "40wh"), ("02", "暴露垃圾", "normal", "4wh"), ("03", "积存垃圾渣土", "normal", "8wh"),
            ("04", "道路不洁", "normal", "4wh"), ("05", "水域不洁", "normal", "8wh"), ("07", "违章张贴小广告", "low", "8wh"),
        ]),
        new(Event, "02", "宣传广告", LawEnforcement,
        [
            ("01", "违规户外广告", "normal", "24wh"), ("02", "广告招牌破损", "high", "8wh"),
        ]),
        new(Event, "03", "施工管理", LawEnforcement,
        [
            ("01", "施工扰民", "normal", "8wh"), ("02", "工地扬尘", "normal", "8wh"), ("03", "道路遗撒", "high", "4h"),
        ]),
        new(Event, "04", "突发事件", PublicSafety,
        [
            ("01", "路面塌陷", "urgent", "1h"), ("02", "自来水管破裂", "urgent", "2h"), ("03", "燃气管道破裂", "urgent", "30m"),
            ("04", "火灾", "urgent", "30m"), ("05", "道路积水", "urgent", "2h"),
        ]),
        new(Event, "05", "街面秩序", LawEnforcement,
        [
            ("01", "无照经营游商", "normal", "4wh"), ("02", "占道经营", "normal", "4wh"), ("03", "店外经营", "normal", "8wh"),
            ("04", "机动车乱停放", "normal", "2h"), ("05", "非机动车乱停放", "low", "8wh"),
        ]),
        new(Event, "06", "市场监管", MarketSupervision,
        [
            ("01", "食品安全", "high", "8wh"), ("02", "价格违法", "normal", "24wh"), ("03", "无证经营", "normal", "24wh"),
            ("04", "假冒伪劣商品", "normal", "24wh"), ("05", "特种设备安全", "high", "8wh"),
        ]),
        new(Event, "07", "综治", PublicSafety,
        [
            ("01", "矛盾纠纷", "normal", "24wh"), ("02", "治安隐患", "high", "8wh"), ("03", "安全生产隐患", "high", "8wh"),
            ("04", "消防安全隐患", "high", "8wh"), ("05", "出租房屋隐患", "normal", "24wh"),
        ]),
        new(Event, "08", "便民服务", CitizenServices,
        [
            ("01", "社会救助", "normal", "24wh"), ("02", "医疗费用救助预警", "high", "16wh"), ("03", "养老服务", "normal", "24wh"),
            ("04", "就业咨询", "low", "40wh"), ("05", "残疾人帮扶", "normal", "40wh"), ("06", "政策咨询", "low", "16wh"),
        ]),
    ];

    public static List<Category> Build() =>
        Majors.SelectMany(m => m.Minors.Select(n => new Category(
                (m.Kind == Component ? "C" : "E") + m.Code + n.Minor,
                m.Kind, m.Code, m.Name, n.Minor, n.Name, m.Platform, n.Priority, n.Limit)))
            .ToList();
}
