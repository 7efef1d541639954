namespace Nexudus.MediaAuth.ReadmeTests;

/// <summary>
/// What the README tells a user to paste compiles: every C# block of the repository README and of each package's
/// README.
/// </summary>
public sealed class ReadmeSnippetTests
{
    private static readonly string Root = Repository.Root;

    public static TheoryData<ReadmeSnippet> Snippets()
    {
        var data = new TheoryData<ReadmeSnippet>();
        foreach (var readme in Readmes())
        {
            foreach (var snippet in ReadmeSnippet.Read(readme, Path.GetRelativePath(Root, readme)))
            {
                data.Add(snippet);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_compiles(ReadmeSnippet snippet)
    {
        ReadmeSnippetCompiler.Diagnose(snippet).Should().BeEmpty(because: $"the C# block at {snippet} must compile as pasted");
    }

    [Fact]
    public void Every_readme_has_its_snippets_found()
    {
        // Guards the fence pattern: a README that shows C# always has blocks this test compiles.
        ReadmeSnippet.Read(Path.Combine(Root, "README.md"), "README.md").Should().HaveCountGreaterThan(5);
    }

    private static IEnumerable<string> Readmes() =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), "README.md", SearchOption.AllDirectories)
            .Prepend(Path.Combine(Root, "README.md"));
}
