using System.Reflection;
using System.Text.RegularExpressions;
using BlazorTrader.Engine.Scheduling.Strategies;
using BlazorTrader.Endpoints;

namespace BlazorTrader.Tests.Architecture;

/// <summary>
/// Endpoints, components and scheduled jobs speak the engine's commands, never its execution machinery (docs/design.md,
/// "The engine: one writer"): neither their sources nor their compiled signatures may name an Execution type.
/// </summary>
public sealed partial class EngineBoundaryTests
{
    private static readonly string[] CallerFolders = ["BlazorTrader/Endpoints", "BlazorTrader/Components", "BlazorTrader.Engine/Scheduling"];

    [Fact]
    public void CallerSources_NeverImportOrNameAnExecutionNamespace()
    {
        // Arrange
        var root = RepositoryFiles.Root;
        var sources = CallerFolders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        // Act
        var offenders = sources
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, Text: line)))
            .Where(l => ExecutionName().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        // Assert
        Assert.True(sources.Count > 50, $"only {sources.Count} caller sources found under {root}");
        Assert.True(offenders.Count == 0, "Execution used outside the engine's commands:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void CallerTypes_TakeAndExposeNoExecutionType()
    {
        // Arrange: every type of the web host's endpoints and components, and the engine's scheduling
        var callers = typeof(StrategyEndpoints).Assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && (ns.StartsWith("BlazorTrader.Endpoints", StringComparison.Ordinal) || ns.StartsWith("BlazorTrader.Components", StringComparison.Ordinal)))
            .Concat(typeof(StrategySchedule).Assembly.GetTypes().Where(t => t.Namespace?.StartsWith("BlazorTrader.Engine.Scheduling", StringComparison.Ordinal) == true))
            .ToList();
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        // Act: constructor and method parameters (injected services included), return types, fields and properties
        var offenders = (
            from type in callers
            from member in type.GetMembers(all)
            from used in TypesOf(member)
            where IsExecution(used)
            select $"{type.FullName}.{member.Name} uses {used.FullName}").Distinct().ToList();

        // Assert
        Assert.True(callers.Count > 50, $"only {callers.Count} caller types found");
        Assert.True(offenders.Count == 0, string.Join('\n', offenders));
    }

    private static IEnumerable<Type> TypesOf(MemberInfo member) => member switch
    {
        MethodBase method => method.GetParameters().Select(p => p.ParameterType)
            .Concat(method is MethodInfo m ? [m.ReturnType] : []),
        FieldInfo field => [field.FieldType],
        PropertyInfo property => [property.PropertyType],
        _ => [],
    };

    private static bool IsExecution(Type type)
    {
        if (type.HasElementType) return IsExecution(type.GetElementType()!);
        if (type.IsGenericType && type.GetGenericArguments().Any(IsExecution)) return true;
        return type.Namespace?.StartsWith("BlazorTrader.Engine.Execution", StringComparison.Ordinal) == true;
    }

    [GeneratedRegex(@"BlazorTrader\.Engine\.Execution\b")]
    private static partial Regex ExecutionName();
}
