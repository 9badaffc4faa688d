using CommandCenter.Grains.Sla;

namespace CommandCenter.Grains.Catalogue;

/// <summary>
/// One kind of case, e.g. 事件 01 市容环境 / 02 暴露垃圾 (E0102): which platform handles it, how urgent it
/// is by default and how long handling may take. A retired category takes no new reports; its cases go on.
/// </summary>
[GenerateSerializer, Alias("Category")]
public sealed record Category(
    [property: Id(0)] string Code,
    [property: Id(1)] CategoryKind Kind,
    [property: Id(2)] string MajorCode,
    [property: Id(3)] string MajorName,
    [property: Id(4)] string MinorCode,
    [property: Id(5)] string Name,
    [property: Id(6)] Platform Platform,
    [property: Id(7)] Priority DefaultPriority,
    [property: Id(8)] SlaDuration HandlingLimit,
    [property: Id(9)] bool Retired = false);
