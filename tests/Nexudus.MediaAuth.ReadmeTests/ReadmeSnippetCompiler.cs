using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Nexudus.MediaAuth.ReadmeTests;

/// <summary>
/// Compiles a README snippet as the <c>Program.cs</c> of a web host would be compiled: the Web SDK's implicit usings,
/// top-level statements, and every assembly this test project references (the packages, ASP.NET Core, JwtBearer,
/// OpenTelemetry). A snippet that is a whole program (it creates the builder) compiles as it stands; any other snippet
/// is a part of one and compiles after <c>var builder = WebApplication.CreateBuilder(args);</c> and
/// <c>var app = builder.Build();</c>, so it may use either.
/// </summary>
public static class ReadmeSnippetCompiler
{
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Net.Http.Json;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    /// <summary>The compiler's errors and warnings for the snippet, each with its line in the README.</summary>
    public static IReadOnlyList<string> Diagnose(ReadmeSnippet snippet)
    {
        var source = IsWholeProgram(snippet.Code) ? snippet.Code : AsPartOfProgram(snippet.Code);
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "ReadmeSnippet",
            [
                CSharpSyntaxTree.ParseText(ImplicitUsings, parse, "ImplicitUsings.cs"),
                CSharpSyntaxTree.ParseText(source, parse, snippet.ToString()),
            ],
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        // CS1701/CS1702 (a package built against an older patch of a dependency) are off in the SDK's build too.
        return compilation.GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error
                || (diagnostic.Severity == DiagnosticSeverity.Warning && diagnostic.Id is not ("CS8321" or "CS1701" or "CS1702")))
            .Select(diagnostic => $"{snippet.File}:{snippet.Line + 1 + LineInSnippet(diagnostic, source, snippet.Code)}: {diagnostic.Id} {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToList();
    }

    private static bool IsWholeProgram(string code) => code.Contains("WebApplication.CreateBuilder", StringComparison.Ordinal);

    /// <summary>
    /// The snippet's <c>using</c> directives first, then the builder and the app, then its statements.
    /// </summary>
    private static string AsPartOfProgram(string code)
    {
        var lines = code.Split('\n');
        var usings = lines.Where(IsUsingDirective);
        var statements = lines.Where(line => !IsUsingDirective(line));
        return string.Join('\n', usings)
            + "\nvar builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\n"
            + string.Join('\n', statements);
    }

    // A snippet inside a list item is indented as a whole; the indentation is Markdown's, not the code's.
    private static bool IsUsingDirective(string line) =>
        line.TrimStart().StartsWith("using ", StringComparison.Ordinal) && line.TrimEnd().EndsWith(';') && !line.Contains('(');

    /// <summary>Maps a diagnostic back to the snippet's own line (the wrapper moves using directives and adds two lines).</summary>
    private static int LineInSnippet(Diagnostic diagnostic, string source, string code)
    {
        var line = diagnostic.Location.GetLineSpan().StartLinePosition.Line;
        if (ReferenceEquals(source, code) || line < 0)
        {
            return Math.Max(line, 0);
        }

        var text = source.Split('\n')[Math.Min(line, source.Split('\n').Length - 1)];
        var index = Array.IndexOf(code.Split('\n'), text);
        return Math.Max(index, 0);
    }
}
