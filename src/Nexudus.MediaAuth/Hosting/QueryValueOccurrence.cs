namespace Nexudus.MediaAuth.Hosting;

/// <summary>
/// How often a query parameter appears in a query string, as far as a parameter that must appear once cares.
/// </summary>
internal enum QueryValueOccurrence
{
    /// <summary>The parameter is not there.</summary>
    Absent,

    /// <summary>The parameter appears exactly once.</summary>
    Once,

    /// <summary>The parameter appears more than once: which value is meant is ambiguous, so none is.</summary>
    Repeated,
}
