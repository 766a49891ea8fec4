using Diecast.GraphQL.Server.Mutations;
using GraphQL.Types;

namespace Diecast.GraphQL.Server.Tests.Mutations;

public sealed class UpdateInputTests
{
    [Fact]
    public void A_clearable_field_sent_as_null_is_cleared() =>
        Assert.Null(Parse(new() { ["note"] = null }).Clearable("note", null, "old"));

    [Fact]
    public void A_clearable_field_left_out_keeps_its_value() =>
        Assert.Equal("old", Parse([]).Clearable("note", null, "old"));

    [Fact]
    public void A_clearable_field_given_a_value_takes_it()
    {
        var input = Parse(new() { ["note"] = "new" });

        Assert.Equal("new", input.Clearable("note", input.Note, "old"));
    }

    private static NoteInput Parse(Dictionary<string, object?> fields) => (NoteInput)new NoteInputGraphType().ParseDictionary(fields);

    private sealed class NoteInput : UpdateInput
    {
        public string? Note { get; init; }
    }

    private sealed class NoteInputGraphType : UpdateInputGraphType<NoteInput>
    {
        public NoteInputGraphType()
        {
            Name = "NoteInput";
            Field("note", new StringGraphType());
        }
    }
}
