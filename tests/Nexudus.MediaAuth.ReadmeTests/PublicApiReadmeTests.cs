using System.Text.RegularExpressions;

namespace Nexudus.MediaAuth.ReadmeTests;

/// <summary>
/// Every public entry of a package earns its place: the README (the repository's, or the package's own) names it where
/// a host would use it, and the core package's surface does not grow unnoticed.
/// </summary>
public sealed partial class PublicApiReadmeTests
{
    // The core package's entries after the issue-13 cut; lower it when an entry goes, never raise it without a reason in
    // the README.
    private const int CoreEntryCap = 150;

    public static TheoryData<string> Packages() =>
        new(Directory.EnumerateDirectories(Path.Combine(Repository.Root, "src"))
            .Where(package => File.Exists(Path.Combine(package, "PublicAPI.Unshipped.txt")))
            .Select(Path.GetFileName)
            .OfType<string>());

    [Theory]
    [MemberData(nameof(Packages))]
    public void Every_public_entry_is_named_in_the_readme(string package)
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var packageReadme = Path.Combine(Repository.Root, "src", package, "README.md");
        if (File.Exists(packageReadme))
        {
            readme += File.ReadAllText(packageReadme);
        }

        var entries = Entries(package);
        var unnamed = entries
            .Where(entry => !IsExtensionContainer(entry, entries))
            .Where(entry => !Regex.IsMatch(readme, $@"(?<![A-Za-z0-9_]){Regex.Escape(DocumentedName(entry))}(?![A-Za-z0-9_])"))
            .ToList();

        unnamed.Should().BeEmpty("a public entry no README names has no documented use");
    }

    [Fact]
    public void The_core_package_surface_stays_within_its_cap()
    {
        Entries("Nexudus.MediaAuth").Should().HaveCountLessThanOrEqualTo(CoreEntryCap);
    }

    [Theory]
    [InlineData("Nexudus.MediaAuth.MediaTokens.MediaTokenOptions.TokenLifetime.get -> System.TimeSpan", "TokenLifetime")]
    [InlineData("Nexudus.MediaAuth.MediaTokens.MediaTokenEvents.MediaTokenEvents() -> void", "MediaTokenEvents")]
    [InlineData("Nexudus.MediaAuth.OneTimeTokens.OneTimeTokenLoginMode.Confirm = 1 -> Nexudus.MediaAuth.OneTimeTokens.OneTimeTokenLoginMode", "Confirm")]
    [InlineData("const Nexudus.MediaAuth.MediaTokens.MediaTokenDefaults.ResourceClaim = \"res\" -> string!", "ResourceClaim")]
    [InlineData("static Microsoft.AspNetCore.Builder.MediaTokenEndpointConventionBuilderExtensions.RequireMediaToken<TBuilder>(this TBuilder builder, string! authenticationScheme = \"MediaToken\") -> TBuilder", "RequireMediaToken")]
    [InlineData("Nexudus.MediaAuth.OneTimeTokens.Stores.IOneTimeTokenStore", "IOneTimeTokenStore")]
    public void An_entry_is_looked_up_by_the_name_a_host_writes(string entry, string expected)
    {
        DocumentedName(entry).Should().Be(expected);
    }

    private static List<string> Entries(string package) =>
        new[] { "PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt" }
            .Select(file => Path.Combine(Repository.Root, "src", package, file))
            .Where(File.Exists)
            .SelectMany(File.ReadAllLines)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();

    /// <summary>
    /// The name a host writes for an entry: a type's, a member's (a property for its accessors), a constructor's type.
    /// </summary>
    private static string DocumentedName(string entry)
    {
        var signature = Modifiers().Replace(entry, string.Empty).Split(" -> ")[0].Split('(')[0].Split(" = ")[0];
        var parts = Generics().Replace(signature, string.Empty).Split('.');
        var name = parts[^1];
        return name is "get" or "set" or "init" || (parts.Length > 1 && name == parts[^2]) ? parts[^2] : name;
    }

    /// <summary>
    /// A static class of extension methods: a host writes its methods, never its name.
    /// </summary>
    private static bool IsExtensionContainer(string entry, List<string> entries) =>
        !entry.Contains(" -> ", StringComparison.Ordinal)
        && entry.EndsWith("Extensions", StringComparison.Ordinal)
        && entries.Any(other => other.StartsWith($"static {entry}.", StringComparison.Ordinal) && other.Contains("(this ", StringComparison.Ordinal));

    [GeneratedRegex("^(?:(?:static|const|override|abstract|virtual|readonly|sealed) )+")]
    private static partial Regex Modifiers();

    [GeneratedRegex("<[^<>]*>")]
    private static partial Regex Generics();
}
