using System.Collections;
using Diecast.Api.GraphQL.Http;
using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Diecast.Api.GraphQL.Protection;

/// <summary>
/// Measures a parsed document in one pass, linear in its size, and refuses it before GraphQL.NET's validation when it
/// is shaped to make that validation or the execution expensive: thousands of aliases or repeated fields (the
/// field-merging rule compares fields of one response name pairwise), fragments spread into exponential fan-out or
/// into cycles, deep nesting through inline fragments, piles of operations, directives or input values.
/// </summary>
public sealed class DocumentLimits(GraphQLHttpOptions limits)
{
    /// <summary>The first limit the document breaks, or null when it fits them all.</summary>
    public DocumentLimitError? Check(GraphQLDocument document, Inputs? variables)
    {
        try
        {
            new Measure(limits, document).Run(variables);
            return null;
        }
        catch (DocumentLimitError error)
        {
            return error;
        }
    }

    private sealed class Measure(GraphQLHttpOptions limits, GraphQLDocument document)
    {
        private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = [];
        private readonly Dictionary<string, Shape?> _measured = [];
        private int _directives;
        private int _inputValues;

        public void Run(Inputs? variables)
        {
            if (document.Definitions.Count > limits.MaxDefinitions)
            {
                throw Refuse("DOCUMENT_TOO_MANY_DEFINITIONS", $"The document has {document.Definitions.Count} operations and fragments; at most {limits.MaxDefinitions} are allowed.");
            }

            CountInputValues(variables);
            foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
            {
                // Refused here rather than left to validation, which would still run its other rules over the
                // duplicate, which this walk, measuring fragments by name, would not have measured.
                if (!_fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment))
                {
                    throw Refuse("UNIQUE_FRAGMENT_NAMES", $"There can be only one fragment named '{fragment.FragmentName.Name.StringValue}'.");
                }
            }

            foreach (var definition in document.Definitions)
            {
                switch (definition)
                {
                    case GraphQLOperationDefinition operation:
                        CountDirectives(operation.Directives);
                        CountDirectives(operation.Variables?.Items.SelectMany(v => v.Directives?.Items ?? []));
                        Walk(operation.SelectionSet, fieldDepth: 0, nesting: 0);
                        break;
                    case GraphQLFragmentDefinition fragment:
                        // Validation checks every fragment, spread or not.
                        Fragment(fragment.FragmentName.Name.StringValue, fieldDepth: 0, nesting: 0);
                        break;
                }
            }
        }

        /// <summary>
        /// The fields a selection set adds once fragments are expanded, and how deep they nest below it. The position
        /// (field depth and nesting of the enclosing selection set) only bounds the walk; the shape is relative to it.
        /// </summary>
        private Shape Walk(GraphQLSelectionSet selectionSet, int fieldDepth, int nesting)
        {
            // Selection sets may nest (fields, inline fragments, spreads) to four times the field depth limit: enough
            // for any real document, and a bound on this walk's recursion well before the stack is at risk.
            nesting++;
            if (nesting > limits.MaxDepth * 4)
            {
                throw TooDeepNesting();
            }

            var shape = new Shape();
            foreach (var selection in selectionSet.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        if (fieldDepth + 1 > limits.MaxDepth)
                        {
                            throw TooDeepFields();
                        }

                        CountDirectives(field.Directives);
                        foreach (var argument in field.Arguments?.Items ?? [])
                        {
                            CountInputValues(argument.Value);
                        }

                        var responseName = (field.Alias?.Name ?? field.Name).StringValue;
                        var node = AddName(shape.Names, responseName, 1);
                        AddFields(shape, 1);
                        shape.FieldDepth = Math.Max(shape.FieldDepth, 1);
                        if (field.SelectionSet is { } children)
                        {
                            var inner = Walk(children, fieldDepth + 1, nesting);
                            MergeNames(node.Children, inner.Names);
                            AddFields(shape, inner.Fields);
                            shape.FieldDepth = Math.Max(shape.FieldDepth, 1 + inner.FieldDepth);
                            shape.Nesting = Math.Max(shape.Nesting, 1 + inner.Nesting);
                        }

                        break;
                    case GraphQLInlineFragment inline:
                        CountDirectives(inline.Directives);
                        Merge(shape, Walk(inline.SelectionSet, fieldDepth, nesting));
                        break;
                    case GraphQLFragmentSpread spread:
                        CountDirectives(spread.Directives);
                        if (Fragment(spread.FragmentName.Name.StringValue, fieldDepth, nesting) is { } fragment)
                        {
                            Merge(shape, fragment);
                        }

                        break;
                }
            }

            return shape;
        }

        /// <summary>A fragment's shape, measured once however often it is spread; null when it is not defined (validation reports that).</summary>
        private Shape? Fragment(string name, int fieldDepth, int nesting)
        {
            if (_measured.TryGetValue(name, out var measured))
            {
                // Null while the fragment is being measured: it spreads itself, directly or through others.
                var shape = measured ?? throw Refuse("NO_FRAGMENT_CYCLES", $"Cannot spread fragment '{name}' within itself.");
                if (fieldDepth + shape.FieldDepth > limits.MaxDepth)
                {
                    throw TooDeepFields();
                }

                if (nesting + shape.Nesting > limits.MaxDepth * 4)
                {
                    throw TooDeepNesting();
                }

                return shape;
            }

            if (!_fragments.TryGetValue(name, out var fragment))
            {
                return null;
            }

            _measured[name] = null;
            CountDirectives(fragment.Directives);
            _measured[name] = Walk(fragment.SelectionSet, fieldDepth, nesting);
            return _measured[name];
        }

        private void Merge(Shape shape, Shape inner)
        {
            AddFields(shape, inner.Fields);
            shape.FieldDepth = Math.Max(shape.FieldDepth, inner.FieldDepth);
            shape.Nesting = Math.Max(shape.Nesting, 1 + inner.Nesting);
            MergeNames(shape.Names, inner.Names);
        }

        /// <summary>
        /// Merges response names as execution merges fields: fields of one response name in a selection set become one,
        /// with their sub-selections together. Copies, so a measured fragment is never changed by its spreads.
        /// </summary>
        private void MergeNames(Dictionary<string, ResponseName> target, Dictionary<string, ResponseName> source)
        {
            foreach (var (name, counted) in source)
            {
                MergeNames(AddName(target, name, counted.Count).Children, counted.Children);
            }
        }

        private void AddFields(Shape shape, long fields)
        {
            // Each addend is at most the limit, so the sum cannot overflow before it is refused.
            shape.Fields += fields;
            if (shape.Fields > limits.MaxFields)
            {
                throw Refuse("DOCUMENT_TOO_MANY_FIELDS", $"An operation or fragment selects more than {limits.MaxFields} fields (aliases and fragment spreads included).");
            }
        }

        private DocumentLimitError TooDeepFields() =>
            Refuse("DOCUMENT_TOO_DEEP", $"Query is too nested to execute: fields nest deeper than the maximum depth of {limits.MaxDepth}.");

        private DocumentLimitError TooDeepNesting() =>
            Refuse("DOCUMENT_TOO_DEEP", $"Selections nest deeper than {limits.MaxDepth * 4} levels (fields, inline fragments and fragment spreads).");

        private ResponseName AddName(Dictionary<string, ResponseName> names, string responseName, int count)
        {
            if (!names.TryGetValue(responseName, out var counted))
            {
                names[responseName] = counted = new ResponseName();
            }

            counted.Count += count;
            if (counted.Count > limits.MaxFieldsPerResponseName)
            {
                throw Refuse("DOCUMENT_FIELD_REPEATED", $"The response name '{responseName}' is selected more than {limits.MaxFieldsPerResponseName} times in one selection set (fragments and fields of the same name merged).");
            }

            return counted;
        }

        private void CountDirectives(IEnumerable<GraphQLDirective>? directives)
        {
            _directives += directives?.Count() ?? 0;
            if (_directives > limits.MaxDirectives)
            {
                throw Refuse("DOCUMENT_TOO_MANY_DIRECTIVES", $"The document has more than {limits.MaxDirectives} directives.");
            }
        }

        private void CountDirectives(GraphQLDirectives? directives) => CountDirectives(directives?.Items);

        private void CountInputValues(GraphQLValue value)
        {
            AddInputValues(1);
            switch (value)
            {
                case GraphQLListValue list:
                    foreach (var item in list.Values ?? [])
                    {
                        CountInputValues(item);
                    }

                    break;
                case GraphQLObjectValue obj:
                    foreach (var field in obj.Fields ?? [])
                    {
                        CountInputValues(field.Value);
                    }

                    break;
            }
        }

        private void CountInputValues(object? value)
        {
            switch (value)
            {
                case null or string:
                    break;
                case IDictionary<string, object?> map:
                    foreach (var item in map.Values)
                    {
                        AddInputValues(1);
                        CountInputValues(item);
                    }

                    break;
                case IEnumerable list:
                    foreach (var item in list)
                    {
                        AddInputValues(1);
                        CountInputValues(item);
                    }

                    break;
            }
        }

        private void AddInputValues(int count)
        {
            _inputValues += count;
            if (_inputValues > limits.MaxInputValues)
            {
                throw Refuse("DOCUMENT_TOO_MANY_INPUT_VALUES", $"The arguments and variables hold more than {limits.MaxInputValues} values.");
            }
        }

        private DocumentLimitError Refuse(string code, string message) => new(document, code, message);
    }

    private sealed class Shape
    {
        public long Fields { get; set; }

        public int FieldDepth { get; set; }

        public int Nesting { get; set; } = 1;

        public Dictionary<string, ResponseName> Names { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>How often a response name is selected in a (merged) selection set, and the names merged below it.</summary>
    private sealed class ResponseName
    {
        public int Count { get; set; }

        public Dictionary<string, ResponseName> Children { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>A document refused for its shape, before validation; thrown inside the measurement and returned from it.</summary>
#pragma warning disable CA1032 // Only DocumentLimits creates it, always with a code and message.
public sealed class DocumentLimitError : ValidationError
#pragma warning restore CA1032
{
    public DocumentLimitError(GraphQLDocument document, string code, string message)
        : base(document.Source, null, message)
    {
        Code = code;
    }
}
