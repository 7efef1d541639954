namespace Nexudus.MediaAuth.Diagnostics;

/// <summary>
/// The request's query as the client sent it and as diagnostics see it, kept while the server-level redaction is on.
/// </summary>
internal sealed record RedactedQueryFeature(string Original, string Redacted);
