using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace CityGenerator.Geo;

/// <summary>
/// Shared geometry settings. All output geometry lives on a fixed 1e-6 degree grid, and every
/// overlay uses snap-rounding OverlayNG on that grid, so rounding never produces invalid rings.
/// </summary>
public static class Spatial
{
    public static readonly PrecisionModel Precision = new(1e6);
    public static readonly GeometryFactory Factory = new(Precision, 4326);
    public static readonly GeometryFactory Floating = new(new PrecisionModel(), 4326);

    public static Geometry Intersection(Geometry a, Geometry b) =>
        OverlayNG.Overlay(a, b, SpatialFunction.Intersection, Precision);

    public static Geometry Union(Geometry a, Geometry b) =>
        OverlayNG.Overlay(a, b, SpatialFunction.Union, Precision);

    /// <summary>The polygons of a geometry, in stored order; empty parts dropped.</summary>
    public static List<Polygon> Polygons(Geometry g)
    {
        var result = new List<Polygon>();
        for (var i = 0; i < g.NumGeometries; i++)
        {
            switch (g.GetGeometryN(i))
            {
                case Polygon { IsEmpty: false } p:
                    result.Add(p);
                    break;
                case GeometryCollection c when !ReferenceEquals(c, g):
                    result.AddRange(Polygons(c));
                    break;
            }
        }
        return result;
    }

    /// <summary>Keeps only the areal parts of an overlay result (drops stray lines and points).</summary>
    public static Geometry Areal(Geometry g)
    {
        var parts = Polygons(g);
        return parts.Count switch
        {
            0 => Factory.CreatePolygon(),
            1 => parts[0],
            _ => Factory.CreateMultiPolygon(parts.ToArray()),
        };
    }

    /// <summary>Approximate area in square metres of a geometry in degrees near latitude 31.8°.</summary>
    public static double SquareMetres(Geometry g)
    {
        var lat = g.EnvelopeInternal.Centre.Y * Math.PI / 180.0;
        const double metresPerDegree = 111_320.0;
        return g.Area * metresPerDegree * metresPerDegree * Math.Cos(lat);
    }

    /// <summary>Length of the border two polygonal geometries share (0 if they only touch at points).</summary>
    public static double SharedBorder(Geometry a, Geometry b)
    {
        if (!a.EnvelopeInternal.Intersects(b.EnvelopeInternal))
        {
            return 0;
        }
        return OverlayNG.Overlay(a.Boundary, b.Boundary, SpatialFunction.Intersection, Precision).Length;
    }
}
