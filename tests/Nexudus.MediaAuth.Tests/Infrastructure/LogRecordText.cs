using System.Collections;
using Microsoft.Extensions.Logging.Testing;

namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>
/// Every piece of text a log provider could write for a record: the message, each structured value, the exception with
/// its inner exceptions and stack, and the active scopes.
/// </summary>
public static class LogRecordText
{
    public static IEnumerable<string> AllText(this FakeLogRecord record)
    {
        yield return record.Message;
        foreach (var (key, value) in record.StructuredState ?? [])
        {
            yield return $"{key}={value}";
        }

        if (record.Exception is { } exception)
        {
            yield return exception.ToString();
        }

        foreach (var scope in record.Scopes)
        {
            yield return scope?.ToString() ?? string.Empty;
            if (scope is IEnumerable values and not string)
            {
                foreach (var value in values)
                {
                    yield return value?.ToString() ?? string.Empty;
                }
            }
        }
    }

    /// <summary>Describes the first record carrying a fragment of a secret, or <see langword="null"/> when none does.</summary>
    public static string? FindLeak(this IEnumerable<FakeLogRecord> records, IReadOnlyCollection<string> secrets)
    {
        foreach (var record in records)
        {
            foreach (var text in record.AllText())
            {
                if (TokenLeaks.FindFragment(text, secrets) is { } fragment)
                {
                    return $"[{record.Category} #{record.Id.Id} {record.Level}] '{fragment}' in: {text}";
                }
            }
        }

        return null;
    }
}
