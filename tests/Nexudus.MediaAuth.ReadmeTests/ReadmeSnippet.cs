using System.Text.RegularExpressions;

namespace Nexudus.MediaAuth.ReadmeTests;

/// <summary>
/// A fenced <c>csharp</c> block of a Markdown file, named by the file and the line its fence opens on.
/// </summary>
public sealed partial record ReadmeSnippet(string File, int Line, string Code)
{
    public override string ToString() => $"{File}:{Line}";

    public static IReadOnlyList<ReadmeSnippet> Read(string path, string displayPath)
    {
        var lines = System.IO.File.ReadAllLines(path);
        var snippets = new List<ReadmeSnippet>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!CSharpFence().IsMatch(lines[i]))
            {
                continue;
            }

            var start = i;
            var code = new List<string>();
            for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
            {
                code.Add(lines[i]);
            }

            snippets.Add(new ReadmeSnippet(displayPath, start + 1, string.Join('\n', code)));
        }

        return snippets;
    }

    [GeneratedRegex(@"^\s*```(csharp|cs|c#)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CSharpFence();
}
