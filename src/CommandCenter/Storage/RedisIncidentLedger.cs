using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CommandCenter.Grains.Incidents;
using StackExchange.Redis;

namespace CommandCenter.Storage;

/// <summary>
/// The Redis profile's incident ledger: a list of events per incident, a time-ordered timeline of all
/// events, a summary per incident and the indexes lists need, all written by one script (see
/// <see cref="RedisLedgerScript"/>) so events and summary land together or not at all. Needs a single
/// Redis primary (not Redis Cluster): the script touches index keys it learns while running.
/// </summary>
public sealed class RedisIncidentLedger(IConnectionMultiplexer redis, RedisLedgerKeys keys) : IIncidentLedger
{
    private const int Batch = 500;
    private IDatabase Db => redis.GetDatabase();

    public async Task Append(IReadOnlyList<IncidentEvent> events, IncidentSummary summary)
    {
        if (events.Count == 0) return;
        var first = events[0];
        var id = first.IncidentId;
        var args = new List<RedisValue>
        {
            first.Sequence - 1, id, JsonSerializer.Serialize(summary, LedgerJson.Options), events.Count,
        };
        args.AddRange(events.Select(e => (RedisValue)JsonSerializer.Serialize(e, LedgerJson.Options)));
        args.AddRange(events.Select(e => (RedisValue)RedisLedgerKeys.TimelineMember(e)));
        var opened = events.FirstOrDefault(e => e.Sequence == 1)?.Report;
        foreach (var (kind, key, member) in IndexEntries(summary, opened))
        {
            args.Add(kind);
            args.Add(key.ToString());
            args.Add(member);
        }
        var result = (long)await Db.ScriptEvaluateAsync(RedisLedgerScript.Append,
            [keys.Events(id), keys.Summary(id), keys.Memberships(id), keys.Timeline], [.. args]);
        if (result != -1)
            throw new LedgerConflictException($"{id}: expected to append after {first.Sequence - 1}, the ledger is at {result}.");
    }

    /// <summary>The indexes an incident belongs in, given its summary now (and its opening report, on the first append).</summary>
    private IEnumerable<(string Kind, RedisKey Key, string Member)> IndexEntries(IncidentSummary s, IncidentReport? opened)
    {
        // The caller's phone never changes: written once ("p", kept for good), not moved between indexes.
        if (opened is not null && CaseSearch.PhoneDigitsOf(opened) is { } phone) yield return ("p", keys.WithPhone(phone), s.Id);
        if (s.VisitClosedAt is { } closed) yield return ("l", keys.VisitUnanswered, RedisLedgerKeys.Ticks(closed) + "|" + s.Id);
        var created = RedisLedgerKeys.CreatedMember(s);
        yield return ("l", keys.Created, created);
        yield return ("l", keys.CreatedWithStatus(s.Status), created);
        foreach (var grid in s.GridChain) yield return ("l", keys.CreatedUnder(grid), created);
        if (!s.IsOpen) yield break;
        if (s.GridId is not null) yield return ("s", keys.OpenIn(s.GridId), s.Id);
        foreach (var grid in s.GridChain) yield return ("s", keys.OpenUnder(grid), s.Id);
        if (s.AssigneeId is not null) yield return ("s", keys.OpenAssignedTo(s.AssigneeId), s.Id);
        if (s.Lat is { } lat && s.Lon is { } lon)
            yield return (FormattableString.Invariant($"g:{lon:R}:{lat:R}"), keys.OpenOfCategoryNear(s.Category), s.Id);
        if (s.NextWakeAt is { } wake)
            yield return (wake.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), keys.Wake, s.Id);
    }

    public async Task<IReadOnlyList<IncidentEvent>> Read(string incidentId) =>
        (await Db.ListRangeAsync(keys.Events(incidentId))).Select(v => Deserialize<IncidentEvent>(v)).ToList();

    public async Task<IReadOnlyDictionary<string, IncidentReport>> ReportsOf(IReadOnlyCollection<string> incidentIds)
    {
        // The Report of each incident's first event (sequence 1, the head of its list), as the SQLite ledger reads it.
        var reports = new Dictionary<string, IncidentReport>(StringComparer.Ordinal);
        foreach (var chunk in incidentIds.Distinct(StringComparer.Ordinal).Chunk(Batch))
        {
            var batch = Db.CreateBatch();
            var reads = chunk.Select(id => batch.ListGetByIndexAsync(keys.Events(id), 0)).ToList();
            batch.Execute();
            foreach (var read in reads)
            {
                var value = await read;
                if (value.IsNull) continue;
                var opened = Deserialize<IncidentEvent>(value);
                if (opened.Report is not null) reports[opened.IncidentId] = opened.Report;
            }
        }
        return reports;
    }

    public async IAsyncEnumerable<IncidentEvent> ReadWindow(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Pages through the timeline by member text, fetching each page's events in one round trip.
        RedisValue start = "[" + RedisLedgerKeys.Ticks(from);
        RedisValue end = "(" + RedisLedgerKeys.Ticks(to);
        while (!cancellationToken.IsCancellationRequested)
        {
            var page = (RedisValue[]?)await Db.ExecuteAsync("ZRANGEBYLEX", keys.Timeline, start, end, "LIMIT", 0, Batch) ?? [];
            if (page.Length == 0) yield break;
            var batch = Db.CreateBatch();
            var reads = page.Select(member =>
            {
                var parts = member.ToString().Split('|');
                return batch.ListGetByIndexAsync(keys.Events(parts[1]), int.Parse(parts[2], CultureInfo.InvariantCulture) - 1);
            }).ToList();
            batch.Execute();
            foreach (var read in reads)
            {
                var value = await read;
                if (!value.IsNull) yield return Deserialize<IncidentEvent>(value);
            }
            if (page.Length < Batch) yield break;
            start = "(" + page[^1];
        }
    }

    public async Task<IncidentPage> Query(IncidentQuery query)
    {
        if (await Candidates(query) is { } candidates)
        {
            // Only these cases (ids, a phone's cases, visits closed in a window): read their summaries and filter here, newest first as the index orders them.
            var matching = (await Searched(await Summaries(candidates), query))
                .Where(s => Matches(s, query)
                    && (query.From is not { } idsFrom || s.CreatedAt >= idsFrom)
                    && (query.To is not { } idsTo || s.CreatedAt < idsTo))
                .OrderByDescending(RedisLedgerKeys.CreatedMember, StringComparer.Ordinal)
                .ToList();
            return new IncidentPage(matching.Skip(query.Offset).Take(query.Limit).ToList(), matching.Count);
        }
        var (source, newest, oldest) = await Source(query);
        var filtersOnSummary = query.Overdue is not null || query.Open is not null || query.Categories is not null || query.Channels is not null
            || query.Step is not null || query.Light is not null || query.Search is not null;
        if (!filtersOnSummary && (query.GridId is null || query.Status is null))
        {
            // The index is exactly the filter: count it and read one page, without a scan.
            var count = (long)await Db.ExecuteAsync("ZLEXCOUNT", source, oldest, newest);
            var members = (RedisValue[]?)await Db.ExecuteAsync("ZREVRANGEBYLEX", source, newest, oldest, "LIMIT", query.Offset, query.Limit) ?? [];
            return new IncidentPage(await Summaries(members.Select(m => RedisLedgerKeys.IdOfCreated(m.ToString()))), (int)count);
        }
        var items = new List<IncidentSummary>();
        var total = 0;
        while (true)
        {
            var page = (RedisValue[]?)await Db.ExecuteAsync("ZREVRANGEBYLEX", source, newest, oldest, "LIMIT", 0, Batch) ?? [];
            if (page.Length == 0) break;
            // The summary's filters first; the words (which need the reports) only on what is left.
            var kept = (await Summaries(page.Select(m => RedisLedgerKeys.IdOfCreated(m.ToString())))).Where(s => Matches(s, query)).ToList();
            foreach (var summary in await Searched(kept, query))
            {
                if (total >= query.Offset && items.Count < query.Limit) items.Add(summary);
                total++;
            }
            if (page.Length < Batch) break;
            newest = "(" + page[^1];
        }
        return new IncidentPage(items, total);
    }

    public async IAsyncEnumerable<IncidentSummary> Stream(IncidentQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (await Candidates(query) is not null)
        {
            // A few named cases (ids, a caller's phone, visits closed in a window): the query reads them whole.
            foreach (var s in (await Query(query with { Offset = 0, Limit = int.MaxValue })).Items) yield return s;
            yield break;
        }
        // The index newest first, a page at a time from where the last page ended, each page filtered here.
        var (source, newest, oldest) = await Source(query);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = (RedisValue[]?)await Db.ExecuteAsync("ZREVRANGEBYLEX", source, newest, oldest, "LIMIT", 0, Batch) ?? [];
            if (page.Length == 0) yield break;
            var kept = (await Summaries(page.Select(m => RedisLedgerKeys.IdOfCreated(m.ToString())))).Where(s => Matches(s, query)).ToList();
            foreach (var summary in await Searched(kept, query)) yield return summary;
            if (page.Length < Batch) yield break;
            newest = "(" + page[^1];
        }
    }

    /// <summary>The smallest created index that covers the query's grid and state, and the query's window as its range (newest, oldest).</summary>
    private async Task<(RedisKey Source, RedisValue Newest, RedisValue Oldest)> Source(IncidentQuery query)
    {
        var sources = new List<RedisKey> { query.GridId is null ? keys.Created : keys.CreatedUnder(query.GridId) };
        if (query.Status is { } status) sources.Add(keys.CreatedWithStatus(status));
        var sizes = await Task.WhenAll(sources.Select(k => Db.SortedSetLengthAsync(k)));
        var source = sources[Array.IndexOf(sizes, sizes.Min())];
        RedisValue newest = query.To is { } to ? "(" + RedisLedgerKeys.Ticks(to) : "+";
        RedisValue oldest = query.From is { } from ? "[" + RedisLedgerKeys.Ticks(from) : "-";
        return (source, newest, oldest);
    }

    /// <summary>The cases a query names outright (ids, a caller's phone, unanswered visits in a window), or null when it names none.</summary>
    private async Task<IReadOnlyCollection<string>?> Candidates(IncidentQuery query)
    {
        HashSet<string>? ids = query.Ids is null ? null : new(query.Ids, StringComparer.Ordinal);
        void Narrow(IEnumerable<string> found)
        {
            if (ids is null) ids = new HashSet<string>(found, StringComparer.Ordinal);
            else ids.IntersectWith(found);
        }
        if (query.PhoneDigits is { } phone)
            Narrow((await Db.SetMembersAsync(keys.WithPhone(phone))).Select(v => v.ToString()));
        if (query.VisitClosedFrom is not null || query.VisitClosedTo is not null)
        {
            RedisValue first = query.VisitClosedFrom is { } f ? "[" + RedisLedgerKeys.Ticks(f) : "-";
            RedisValue last = query.VisitClosedTo is { } t ? "(" + RedisLedgerKeys.Ticks(t) : "+";
            var closed = (RedisValue[]?)await Db.ExecuteAsync("ZRANGEBYLEX", keys.VisitUnanswered, first, last) ?? [];
            Narrow(closed.Select(m => RedisLedgerKeys.IdOfCreated(m.ToString())));
        }
        return ids;
    }

    /// <summary>The summaries whose reports the query's words find (CaseSearch), in the order given; all of them without words.</summary>
    private async Task<List<IncidentSummary>> Searched(List<IncidentSummary> summaries, IncidentQuery query)
    {
        if (query.Search is null || summaries.Count == 0) return summaries;
        var terms = CaseSearch.Parse(query.Search);
        var reports = await ReportsOf(summaries.Select(s => s.Id).ToList());
        return summaries.Where(s =>
        {
            var report = reports.GetValueOrDefault(s.Id);
            return CaseSearch.Matches(terms, s.Id, report is null ? null : CaseSearch.TextOf(report), report is null ? null : CaseSearch.PhoneDigitsOf(report));
        }).ToList();
    }

    private static bool Matches(IncidentSummary s, IncidentQuery q)
    {
        if (q.GridId is not null && !s.GridChain.Contains(q.GridId)) return false;
        if (q.Status is not null && s.Status != q.Status) return false;
        if (q.Overdue is { } overdue && overdue != s.Light.IsOverdueAt(q.Now)) return false; // what the light rule stored, not recomputed
        if (q.Open is { } open && open != s.IsOpen) return false;
        if (q.Categories is not null && !q.Categories.Contains(s.Category)) return false;
        if (q.Channels is not null && !q.Channels.Contains(s.Channel)) return false;
        if (q.Step is { } step && s.Step != step) return false;
        if (q.Light is { } light && s.Light.At(q.Now) != light) return false;
        if (q.VisitClosedFrom is { } vf && !(s.VisitClosedAt >= vf)) return false;
        if (q.VisitClosedTo is { } vt && !(s.VisitClosedAt < vt)) return false;
        return true;
    }

    public async Task<IReadOnlyList<IncidentSummary>> OpenIn(string gridId, bool subtree = false) =>
        await SummariesOfSet(subtree ? keys.OpenUnder(gridId) : keys.OpenIn(gridId));

    public async Task<IReadOnlyList<IncidentSummary>> OpenAssignedTo(string memberId) =>
        await SummariesOfSet(keys.OpenAssignedTo(memberId));

    public async Task<IReadOnlyList<IncidentSummary>> OpenNear(string category, double lat, double lon, double radiusMetres, DateTimeOffset since)
    {
        // A little beyond the radius (geo hashing rounds); the caller measures the true distance.
        var near = await Db.GeoSearchAsync(keys.OpenOfCategoryNear(category), lon, lat, new GeoSearchCircle(radiusMetres * 1.1 + 1, GeoUnit.Meters));
        return (await Summaries(near.Select(r => r.Member.ToString()))).Where(s => s.CreatedAt >= since).ToList();
    }

    public async Task<IReadOnlyList<string>> DueForWake(DateTimeOffset atOrBefore, int limit)
    {
        var until = atOrBefore == DateTimeOffset.MaxValue ? double.PositiveInfinity : atOrBefore.ToUnixTimeMilliseconds();
        var ids = await Db.SortedSetRangeByScoreAsync(keys.Wake, double.NegativeInfinity, until, take: limit == int.MaxValue ? -1 : limit);
        return ids.Select(v => v.ToString()).ToList();
    }

    private async Task<List<IncidentSummary>> SummariesOfSet(RedisKey set) =>
        await Summaries((await Db.SetMembersAsync(set)).Select(v => v.ToString()));

    private async Task<List<IncidentSummary>> Summaries(IEnumerable<string> ids)
    {
        var result = new List<IncidentSummary>();
        foreach (var chunk in ids.Chunk(Batch))
        {
            var values = await Db.StringGetAsync(chunk.Select(keys.Summary).ToArray());
            result.AddRange(values.Where(v => !v.IsNull).Select(v => Deserialize<IncidentSummary>(v)));
        }
        return result;
    }

    private static T Deserialize<T>(RedisValue value) => JsonSerializer.Deserialize<T>((string)value!, LedgerJson.Options)!;
}
