namespace CommandCenter.Grains.Inspections;

/// <summary>
/// 双随机 (two randoms): the inspector and the target are drawn independently and uniformly, so nobody
/// can predict or choose who checks what. The random source is an argument: tests pass a seeded one.
/// </summary>
public static class InspectionDraw
{
    public static (TInspector Inspector, TTarget Target)? Draw<TInspector, TTarget>(
        IReadOnlyList<TInspector> inspectors, IReadOnlyList<TTarget> targets, Random random) =>
        inspectors.Count == 0 || targets.Count == 0
            ? null
            : (inspectors[random.Next(inspectors.Count)], targets[random.Next(targets.Count)]);
}
