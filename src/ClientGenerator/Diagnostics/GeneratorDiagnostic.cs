namespace Diecast.ClientGenerator.Diagnostics;

/// <summary>An error in the schema or an operation, reported where it is.</summary>
public sealed record GeneratorDiagnostic(string Code, string Path, int Line, int Column, string Message)
{
    public static GeneratorDiagnostic At(string code, SourceFile file, int offset, string message)
    {
        ArgumentNullException.ThrowIfNull(file);
        var (line, column) = file.PositionOf(offset);
        return new GeneratorDiagnostic(code, file.Path, line, column, message);
    }

    /// <summary>MSBuild's canonical error format, which makes the build fail and IDEs link to the position.</summary>
    public override string ToString() => $"{Path}({Line},{Column}): error {Code}: {Message}";
}

/// <summary>
/// Diagnostic codes. They are a contract (builds and documentation name them): add new ones, never renumber.
/// </summary>
public static class DiagnosticCodes
{
    public const string SyntaxError = "DGQL0001";
    public const string AnonymousOperation = "DGQL0002";
    public const string DuplicateOperationName = "DGQL0003";
    public const string DuplicateFragmentName = "DGQL0004";
    public const string UnsupportedDefinition = "DGQL0005";
    public const string UnreadableFile = "DGQL0006";
    public const string UnusedFragment = "DGQL0007";

    public const string UnknownField = "DGQL0010";
    public const string UnknownArgument = "DGQL0011";
    public const string MissingArgument = "DGQL0012";
    public const string WrongValueType = "DGQL0013";
    public const string UndefinedVariable = "DGQL0014";
    public const string UnusedVariable = "DGQL0015";
    public const string VariableTypeMismatch = "DGQL0016";
    public const string UnknownFragment = "DGQL0017";
    public const string UnknownType = "DGQL0018";
    public const string SelectionMismatch = "DGQL0019";
    public const string OtherValidationError = "DGQL0020";

    public const string GeneratedNameCollision = "DGQL0030";
    public const string FragmentNotImplementable = "DGQL0031";

    public const string InvalidSchema = "DGQL0040";
    public const string InvalidScalarMapping = "DGQL0041";
    public const string InvalidClientSetting = "DGQL0042";
}
