using System.Text;

namespace Diecast.ClientGenerator.Emit;

/// <summary>Indented C# text with LF line endings, whatever the machine's convention.</summary>
public sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _depth * 4).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>Writes text as is, one line per line and no indentation: the lines of a raw string literal.</summary>
    public CodeWriter Verbatim(string text, int indentation)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0)
            {
                _text.Append(' ', indentation).Append(line);
            }

            _text.Append('\n');
        }

        return this;
    }

    /// <summary>Opens a brace block; dispose the result to close it.</summary>
    public IDisposable Block(string? header = null, string closing = "}")
    {
        if (header is not null)
        {
            Line(header);
        }

        Line("{");
        _depth++;
        return new Closer(this, closing);
    }

    /// <summary>XML documentation from a schema description, escaped, one comment line per line.</summary>
    public CodeWriter Summary(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return this;
        }

        Line("/// <summary>");
        foreach (var line in text.ReplaceLineEndings("\n").Trim().Split('\n'))
        {
            Line(("/// " + System.Security.SecurityElement.Escape(line.TrimEnd())).TrimEnd());
        }

        return Line("/// </summary>");
    }

    public override string ToString() => _text.ToString();

    private sealed class Closer(CodeWriter writer, string closing) : IDisposable
    {
        public void Dispose()
        {
            writer._depth--;
            writer.Line(closing);
        }
    }
}
