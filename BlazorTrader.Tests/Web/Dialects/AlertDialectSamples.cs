using System.Text.RegularExpressions;

namespace BlazorTrader.Tests.Web.Dialects;

/// <summary>
/// The sample messages of docs/alert-dialects.md, by the name in their <c>&lt;!-- sample: name --&gt;</c>
/// marker, so the tests post exactly what the README shows.
/// </summary>
public static partial class AlertDialectSamples
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> All = new(Load);

    public static string Get(string name) =>
        All.Value.TryGetValue(name, out var body) ? body : throw new KeyNotFoundException($"docs/alert-dialects.md has no sample '{name}'");

    public static IReadOnlyCollection<string> Names => All.Value.Keys.ToList();

    private static IReadOnlyDictionary<string, string> Load()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", "alert-dialects.md"));
        return SampleBlock().Matches(text).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["body"].Value.Trim());
    }

    [GeneratedRegex(@"<!-- sample: (?<name>[a-z0-9-]+) -->\s*```json\s*(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex SampleBlock();
}
