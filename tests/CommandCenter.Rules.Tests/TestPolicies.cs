using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Rules.Tests;

/// <summary>A small catalogue and policy whose numbers the tests work out by hand.</summary>
internal static class TestPolicies
{
    public const string CatalogueJson = """
        [
          {"code":"C0101","kind":"部件","majorCode":"01","majorName":"公用设施","minorCode":"01","name":"上水井盖","platform":"LawEnforcement","defaultPriority":"high","handlingLimit":"4h"},
          {"code":"E0102","kind":"事件","majorCode":"01","majorName":"市容环境","minorCode":"02","name":"暴露垃圾","platform":"LawEnforcement","defaultPriority":"normal","handlingLimit":"4wh"},
          {"code":"E0401","kind":"事件","majorCode":"04","majorName":"突发事件","minorCode":"01","name":"路面塌陷","platform":"PublicSafety","defaultPriority":"urgent","handlingLimit":"2h"},
          {"code":"E0403","kind":"事件","majorCode":"04","majorName":"突发事件","minorCode":"03","name":"燃气管道破裂","platform":"PublicSafety","defaultPriority":"urgent","handlingLimit":"30m"}
        ]
        """;

    public static readonly CategoryCatalogue Catalogue = CategoryCatalogue.Parse(CatalogueJson);

    public static Category E0102 => Catalogue.Find("E0102")!;
    public static Category E0401 => Catalogue.Find("E0401")!;
    public static Category E0403 => Catalogue.Find("E0403")!;
    public static Category C0101 => Catalogue.Find("C0101")!;

    /// <summary>The limits of the brief, an exact-category rule and two equally specific verify rules.</summary>
    public const string PolicyJson = """
        {
          "timeZone": "Asia/Shanghai",
          "warnFraction": 0.8,
          "calendar": {
            "officeHours": [ { "from": "08:30", "to": "12:00" }, { "from": "13:30", "to": "17:30" } ],
            "workingDays": [ "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" ],
            "holidays": [ "2026-04-06" ],
            "makeUpWorkdays": [ "2026-03-14" ]
          },
          "limits": [
            { "step": "grid", "priority": "urgent", "limit": "10m" },
            { "step": "grid", "limit": "30m" },
            { "step": "dispatch", "priority": "urgent", "limit": "10m" },
            { "step": "dispatch", "limit": "30m" },
            { "step": "accept", "limit": "15m" },
            { "step": "handle", "limit": "category" },
            { "step": "handle", "priority": "urgent", "category": "E04", "limit": "1h" },
            { "step": "handle", "category": "E0403", "limit": "20m" },
            { "step": "verify", "area": "urban", "limit": "1h" },
            { "step": "verify", "area": "rural", "limit": "2h" },
            { "step": "verify", "priority": "urgent", "limit": "45m" },
            { "step": "verify", "limit": "2h" },
            { "step": "evaluate", "limit": "8wh" }
          ]
        }
        """;

    public static readonly SlaPolicy Policy = SlaPolicy.Parse(PolicyJson, Catalogue);

    /// <summary>Asia/Shanghai, office hours 08:30–12:00 and 13:30–17:30, Monday to Friday, nothing else.</summary>
    public static WorkingCalendar PlainCalendar() => new("Asia/Shanghai");
}
