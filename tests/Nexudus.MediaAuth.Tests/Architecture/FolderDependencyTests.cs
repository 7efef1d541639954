using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.Architecture;

/// <summary>
/// Keeps the folders of the core package pointing one way (docs/architecture.md): every symbol a file names, in code or
/// in a doc comment's <c>cref</c>, is bound by the compiler, and the folder that declares it must be one the file's
/// folder may depend on.
/// </summary>
public sealed class FolderDependencyTests
{
    /// <summary>
    /// What each folder may use directly, besides itself; a folder may also use whatever those use. Diagnostics and
    /// Hosting use nothing.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        ["DependencyInjection"] = ["Endpoints"],
        ["Endpoints"] = ["Redaction", "OneTimeTokens/Exchange"],
        ["Redaction"] = ["MediaTokens", "OneTimeTokens"],
        ["OneTimeTokens/Exchange"] = ["OneTimeTokens"],
        ["MediaTokens"] = ["MediaTokens/Issuance", "MediaTokens/Validation"],
        ["MediaTokens/Issuance"] = ["MediaTokens/Validation", "MediaTokens/Keys"],
        ["MediaTokens/Validation"] = ["MediaTokens/Keys"],
        ["MediaTokens/Keys"] = ["Diagnostics", "Hosting"],
        ["OneTimeTokens"] = ["OneTimeTokens/Stores"],
        ["OneTimeTokens/Stores"] = ["Diagnostics", "Hosting"],
        ["Diagnostics"] = [],
        ["Hosting"] = [],
    };

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    [Fact]
    public void The_allowed_folder_dependencies_have_no_cycle()
    {
        foreach (var folder in Allowed.Keys)
        {
            Reachable(Allowed, folder).Should().NotContain(folder, $"{folder} must not depend on itself through others");
        }
    }

    [Fact]
    public void Every_folder_of_the_core_package_is_placed_in_the_dependency_rule()
    {
        var root = SourceRoot();
        var folders = SourceFiles(root).Select(file => FolderOf(root, file)).Distinct();
        Allowed.Keys.Should().BeEquivalentTo(folders);
    }

    [Fact]
    public void No_folder_of_the_core_package_depends_against_the_allowed_direction()
    {
        var root = SourceRoot();
        Violations(root, SourceFiles(root).Select(file => (file, File.ReadAllText(file)))).Should().BeEmpty();
    }

    [Fact]
    public void A_reference_back_up_is_found_in_code_and_in_a_cref()
    {
        // The rule holds only if the test can see a breach: a key that calls up to the scheme, and a doc comment that
        // points up to the endpoints.
        var root = SourceRoot();
        var files = SourceFiles(root).Select(file => (file, File.ReadAllText(file))).ToList();
        var keyRing = files.FindIndex(file => file.file.EndsWith("MediaTokenKeyRing.cs", StringComparison.Ordinal));
        files[keyRing] = (files[keyRing].file, files[keyRing].Item2.Replace(
            "internal sealed class MediaTokenKeyRing",
            "/// <see cref=\"Nexudus.MediaAuth.Endpoints.ActionConfirmation\"/>\ninternal sealed class MediaTokenKeyRing",
            StringComparison.Ordinal).Replace(
            "public int LongestKeyId { get; }",
            "public int LongestKeyId { get; }\n    public static string Scheme => Nexudus.MediaAuth.MediaTokens.MediaTokenDefaults.AuthenticationScheme;",
            StringComparison.Ordinal));

        var violations = Violations(root, files);

        violations.Should().Contain(violation => violation.StartsWith("MediaTokens/Keys -> MediaTokens:", StringComparison.Ordinal));
        violations.Should().Contain(violation => violation.StartsWith("MediaTokens/Keys -> Endpoints:", StringComparison.Ordinal));
    }

    private static List<string> Violations(string root, IEnumerable<(string Path, string Text)> files)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Parse);
        var trees = files.Select(file => CSharpSyntaxTree.ParseText(file.Text, parse, file.Path)).ToList();
        var compilation = CSharpCompilation.Create(
            "Nexudus.MediaAuth.Architecture",
            trees,
            References.Value.Where(reference => !Path.GetFileName(reference.Display ?? string.Empty).Equals("Nexudus.MediaAuth.dll", StringComparison.OrdinalIgnoreCase)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var edges = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var tree in trees)
        {
            var from = FolderOf(root, tree.FilePath);
            var model = compilation.GetSemanticModel(tree);
            foreach (var name in tree.GetRoot().DescendantNodes(descendIntoTrivia: true).OfType<SimpleNameSyntax>())
            {
                var symbol = model.GetSymbolInfo(name).Symbol ?? model.GetSymbolInfo(name).CandidateSymbols.FirstOrDefault();
                var declaring = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
                if (declaring is null)
                {
                    continue;
                }

                foreach (var to in declaring.OriginalDefinition.Locations.Where(location => location.IsInSource)
                    .Select(location => FolderOf(root, location.SourceTree!.FilePath)).Distinct())
                {
                    if (to != from && !Reachable(Allowed, from).Contains(to))
                    {
                        var key = $"{from} -> {to}";
                        if (!edges.TryGetValue(key, out var uses))
                        {
                            edges[key] = uses = new SortedSet<string>(StringComparer.Ordinal);
                        }

                        uses.Add($"{Path.GetFileName(tree.FilePath)}:{declaring.Name}");
                    }
                }
            }
        }

        return edges.Select(edge => $"{edge.Key}: {string.Join(", ", edge.Value)}").ToList();
    }

    private static HashSet<string> Reachable(IReadOnlyDictionary<string, string[]> allowed, string folder)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(allowed.TryGetValue(folder, out var direct) ? direct : []);
        while (pending.TryPop(out var next))
        {
            if (reached.Add(next) && allowed.TryGetValue(next, out var further))
            {
                foreach (var target in further)
                {
                    pending.Push(target);
                }
            }
        }

        return reached;
    }

    private static string SourceRoot() =>
        Path.Combine(Path.GetDirectoryName(RepositoryFiles.Readme())!, "src", "Nexudus.MediaAuth");

    private static IEnumerable<string> SourceFiles(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(file => Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar) is [not ("obj" or "bin"), ..] parts && parts.Length > 1);

    private static string FolderOf(string root, string file) =>
        Path.GetRelativePath(root, Path.GetDirectoryName(file)!).Replace(Path.DirectorySeparatorChar, '/');
}
