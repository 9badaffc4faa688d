using System.Collections.Concurrent;

namespace CommandCenter.Grains;

/// <summary>
/// Grain references by key, made once and kept. Orleans' <c>GetGrain</c> resolves the interface's grain type by
/// reflection and builds the proxy through dependency injection on every call: in a CPU profile of full lifecycles
/// that was 7% of the center's time, for the six or so references a transition makes (its incident, its grid, the
/// feeds of its scopes and worker). A reference is immutable and safe to share; one runtime's references are
/// kept by that runtime's instance (a test process may host several). The set is bounded: past
/// <see cref="Capacity"/> it starts again empty, so case numbers seen once do not pile up.
/// </summary>
public sealed class GrainReferences(IGrainFactory grains)
{
    public const int Capacity = 20_000;

    private readonly ConcurrentDictionary<(Type Interface, string Key), IAddressable> kept = new();
    // Counted here: ConcurrentDictionary.Count takes every lock of the table, too dear for each miss.
    private int count;

    /// <summary>For the calls that are not by string key, or not on a hot path.</summary>
    public IGrainFactory Factory => grains;

    public T Of<T>(string key) where T : IGrainWithStringKey
    {
        if (kept.TryGetValue((typeof(T), key), out var known)) return (T)known;
        var made = grains.GetGrain<T>(key);
        if (Volatile.Read(ref count) >= Capacity)
        {
            kept.Clear();
            Volatile.Write(ref count, 0);
        }
        if (kept.TryAdd((typeof(T), key), made)) Interlocked.Increment(ref count);
        return made;
    }
}
