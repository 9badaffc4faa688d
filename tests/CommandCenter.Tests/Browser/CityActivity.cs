using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Browser;

/// <summary>
/// A morning's work in the sample city, made through the public API for the wall's screenshots: workers out
/// on duty with a position, incidents reported across the towns, some dispatched, some accepted. Seeded, so
/// every run draws the same city.
/// </summary>
public static class CityActivity
{
    private static readonly (string Category, string Priority, string Description)[] Reports =
    [
        ("E0102", "normal", "菜场东门暴露垃圾，气味明显"),
        ("C0102", "high", "污水井盖缺失，行人易踩空"),
        ("E0502", "normal", "早点摊占用人行道经营"),
        ("E0401", "urgent", "路面塌陷约两平方米，已临时围挡"),
        ("C0101", "urgent", "主干道上水井盖缺失，车辆绕行"),
        ("E0702", "urgent", "夜市聚集人员冲突，需尽快到场"),
        ("C0109", "normal", "小区北门三盏路灯不亮"),
        ("E0504", "normal", "机动车占用消防通道"),
        ("E0302", "normal", "工地未覆盖，扬尘严重"),
        ("E0402", "urgent", "自来水管破裂，路面积水"),
        ("E0701", "normal", "邻里噪音纠纷，需上门调解"),
        ("C0203", "normal", "机非隔离带破损"),
        ("E0107", "low", "电箱上张贴小广告"),
        ("E0704", "high", "楼道堆放杂物堵塞安全出口"),
        ("E0105", "normal", "河道漂浮物较多"),
        ("C0201", "high", "路口信号灯故障"),
        ("E0802", "high", "医疗费用救助预警：自付费用超阈值"),
        ("E0303", "high", "渣土车遗撒，路面湿滑"),
    ];

    private sealed record Member(string Id, string Role, string GridId);

    public static async Task Seed(WallFixture wall, int incidents = 40, int workersOnDuty = 220)
    {
        var random = new Random(2026);
        var hierarchy = SampleCity.Hierarchy;
        var blocks = hierarchy.Nodes.Where(n => n.Level == 3).ToList();
        var towns = hierarchy.Nodes.Where(n => n.Level == 1).Select(n => n.Id).ToList();
        var members = (await wall.Operator.GetFromJsonAsync<List<Member>>("/api/members", JsonSerializerOptions.Web))!;
        var fieldStaff = members.Where(m => m.Role is "GridWorker" or "GridLeader" or "Patroller").ToList();

        // Workers out on duty, each somewhere in its home grid.
        foreach (var member in fieldStaff.OrderBy(_ => random.Next()).Take(workersOnDuty))
        {
            var home = hierarchy.SubtreeOf(member.GridId).Where(n => n.Level == 3).ToList();
            var block = home.Count > 0 ? home[random.Next(home.Count)] : blocks[random.Next(blocks.Count)];
            var point = block.Geometry.InteriorPoint;
            var state = random.NextDouble() < 0.85 ? "on" : "busy";
            (await wall.Operator.PutAsJsonAsync($"/api/members/{member.Id}/duty", new { state })).EnsureSuccessStatusCode();
            (await wall.Operator.PostAsJsonAsync($"/api/members/{member.Id}/locations", new
            {
                pings = new[] { new { lat = point.Y + (random.NextDouble() - 0.5) * 0.004, lon = point.X + (random.NextDouble() - 0.5) * 0.004, at = DateTimeOffset.UtcNow } },
            })).EnsureSuccessStatusCode();
        }

        // Incidents across the city; every third goes to a worker of its village, and half of those are accepted.
        for (var i = 0; i < incidents; i++)
        {
            var town = towns[random.Next(towns.Count)];
            var at = wall.NextPoint(town);
            var block = at.Block;
            var (category, priority, description) = Reports[random.Next(Reports.Length)];
            var id = await wall.Report(at, category, priority, description);
            if (i % 3 != 0) continue;
            var village = block.ParentId!;
            var worker = fieldStaff.FirstOrDefault(m => m.Role == "GridWorker" && hierarchy.IsWithin(m.GridId, village))
                         ?? fieldStaff.First(m => m.Role == "GridWorker");
            await wall.Dispatch(id, worker.Id);
            if (i % 2 == 0)
            {
                using var api = await wall.Center.ClientFor(worker.Id);
                (await api.PostAsJsonAsync($"/api/incidents/{id}/actions/accept", new { })).EnsureSuccessStatusCode();
            }
        }
    }
}
