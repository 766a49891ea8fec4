using System.Security.Cryptography;
using Diecast.GraphQL.Server.Http;
using Diecast.GraphQL.Server.Scalars;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Diecast.GraphQL.Server.Tests.Hosting;

/// <summary>
/// The test schema's upload mutations: each echoes what it got (name, content type, length, SHA-256 of the bytes),
/// reading every file twice, so a test proves the bytes arrived intact and can be re-read; <see cref="UploadLog"/> counts
/// the runs, so a refused request can be shown to have executed nothing.
/// </summary>
public static class UploadEcho
{
    public static void AddUploadMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<FileEchoGraphType>>("echoFile")
            .Description("Echoes one uploaded file.")
            .Argument<NonNullGraphType<UploadGraphType>>("file", "The file.")
            .ResolveAsync(async context => await EchoAsync(context, context.GetArgument<IFile>("file")));
        mutation.Field<NonNullGraphType<ListGraphType<NonNullGraphType<FileEchoGraphType>>>>("echoFiles")
            .Description("Echoes uploaded files, in order.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<UploadGraphType>>>>("files", "The files.")
            .ResolveAsync(async context =>
            {
                var echoes = new List<FileEcho>();
                foreach (var file in context.GetArgument<List<IFile>>("files"))
                {
                    echoes.Add(await EchoAsync(context, file));
                }

                return echoes;
            });
        mutation.Field<NonNullGraphType<FileEchoGraphType>>("echoInput")
            .Description("Echoes the file of an input object, bound to a C# class.")
            .Argument<NonNullGraphType<EchoInputGraphType>>("input", "The input.")
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<EchoInput>("input");
                return await EchoAsync(context, input.File) with { Label = input.Label };
            });
    }

    private static async Task<FileEcho> EchoAsync(IResolveFieldContext context, IFile file)
    {
        context.RequestServices!.GetRequiredService<UploadLog>().Record(file);
        var first = await HashAsync(file);
        var second = await HashAsync(file);
        return first == second
            ? new FileEcho(file.Name, file.ContentType, file.Length, first, null)
            : throw new InvalidOperationException("The file read differently the second time.");
    }

    private static async Task<string> HashAsync(IFile file)
    {
        await using var stream = file.OpenReadStream();
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }
}

public sealed record FileEcho(string Name, string? ContentType, long Length, string Sha256, string? Label);

public sealed class EchoInput
{
    public IFile File { get; set; } = null!;

    public string? Label { get; set; }
}

public sealed class EchoInputGraphType : InputObjectGraphType<EchoInput>
{
    public EchoInputGraphType()
    {
        Name = "EchoInput";
        Description = "A file with a label.";
        Field<NonNullGraphType<UploadGraphType>>("file").Description("The file.");
        Field<StringGraphType>("label").Description("A label.");
    }
}

public sealed class FileEchoGraphType : ObjectGraphType<FileEcho>
{
    public FileEchoGraphType()
    {
        Name = "FileEcho";
        Description = "What arrived.";
        Field(echo => echo.Name).Description("The file name sent.");
        Field(echo => echo.ContentType, nullable: true).Description("The content type sent.");
        Field<NonNullGraphType<LongGraphType>>("length").Description("Bytes.").Resolve(context => context.Source.Length);
        Field(echo => echo.Sha256).Description("SHA-256 of the bytes, lowercase hex.");
        Field(echo => echo.Label, nullable: true).Description("The input's label.");
    }
}

/// <summary>The files the echo mutations were given, in the order they ran.</summary>
public sealed class UploadLog
{
    private readonly List<IFile> _files = [];

    public IReadOnlyList<IFile> Files
    {
        get
        {
            lock (_files)
            {
                return [.. _files];
            }
        }
    }

    public void Record(IFile file)
    {
        lock (_files)
        {
            _files.Add(file);
        }
    }
}
