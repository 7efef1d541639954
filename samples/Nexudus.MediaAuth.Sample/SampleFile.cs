namespace Nexudus.MediaAuth.Sample;

/// <summary>The bytes behind a file of <c>GET /api/public/files/my</c>, as the download endpoint serves them.</summary>
/// <param name="Path">The absolute path of the file's content.</param>
/// <param name="ContentType">The media type served.</param>
/// <param name="Inline">Whether a browser shows it (a PDF, a video) rather than saving it.</param>
public sealed record SampleFile(string Path, string ContentType, bool Inline);
