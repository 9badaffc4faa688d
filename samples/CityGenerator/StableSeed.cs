using System.Text;

namespace CityGenerator;

/// <summary>Process-independent seeds (string.GetHashCode is randomised per process, so it is not used).</summary>
public static class StableSeed
{
    /// <summary>The city's seed (city-settings.json <c>seed</c>); set once before anything is drawn.</summary>
    public static int Master { get; set; } = 20240531;

    public static int For(string key)
    {
        unchecked
        {
            var hash = 2166136261u;
            foreach (var b in Encoding.UTF8.GetBytes($"{Master}:{key}"))
            {
                hash = (hash ^ b) * 16777619u;
            }
            return (int)(hash & 0x7FFFFFFF);
        }
    }

    public static Random Random(string key) => new(For(key));
}
