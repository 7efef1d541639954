using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Nexudus.MediaAuth.Diagnostics;
using Nexudus.MediaAuth.EntityFrameworkCore;
using Nexudus.MediaAuth.StackExchangeRedis;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.Diagnostics;

public sealed partial class LogEventDocumentationTests
{
    [Fact]
    public void The_readme_lists_every_log_event_of_the_packages_with_its_id_name_and_level()
    {
        var declared = typeof(MediaAuthMetrics).Assembly.GetTypes().Append(typeof(RedisOneTimeTokenStoreLog)).Append(typeof(EntityFrameworkCoreOneTimeTokenStoreLog))
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(method => method.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .Select(message => (message.EventId, EventName: message.EventName ?? string.Empty, Level: message.Level.ToString()))
            .OrderBy(message => message.EventId)
            .ToList();

        var documented = EventRow().Matches(File.ReadAllText(RepositoryFiles.Readme()))
            .Select(row => (int.Parse(row.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture), row.Groups["name"].Value, row.Groups["level"].Value))
            .OrderBy(row => row.Item1)
            .ToList();

        declared.Should().HaveCountGreaterThanOrEqualTo(10);
        documented.Should().Equal(declared);
    }

    [GeneratedRegex(@"^\| (?<id>\d+) \| `(?<name>\w+)`[^|]*\|[^|]*?(?<level>Trace|Debug|Information|Warning|Error|Critical) \|$", RegexOptions.Multiline)]
    private static partial Regex EventRow();
}
