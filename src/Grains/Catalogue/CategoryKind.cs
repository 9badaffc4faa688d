namespace CommandCenter.Grains.Catalogue;

/// <summary>The two families of the urban-management standard; the code starts with C or E accordingly.</summary>
public enum CategoryKind
{
    /// <summary>部件: a fixed object in public space (manhole cover, street light); codes start with C.</summary>
    Component,
    /// <summary>事件: something happening (exposed rubbish, illegal parking); codes start with E.</summary>
    Event,
}
