using System.Collections;
using GraphQL.Validation;

namespace Diecast.GraphQL.Server.Protection;

/// <summary>
/// Measures a parsed document in one pass, linear in its size, and refuses it before GraphQL.NET's validation when it
/// is shaped to make that validation or the execution expensive: thousands of aliases or repeated fields (the
/// field-merging rule compares fields of one response name pairwise), fragments spread into exponential fan-out or
/// into cycles, deep nesting through inline fragments, piles of operations, directives or input values.
/// </summary>
public sealed class DocumentLimits(GraphQLLimits limits)
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

    private sealed class Measure(GraphQLLimits limits, GraphQLDocument document)
    {
        private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = [];
        private readonly Dictionary<string, Shape?> _measured = [];
        private long _directives;
        private long _inputValues;

        public void Run(Inputs? variables)
        {
            if (document.Definitions.Count > limits.MaxDefinitions)
            {
                throw Refuse("DOCUMENT_TOO_MANY_DEFINITIONS", $"The document has {document.Definitions.Count} operations and fragments; at most {limits.MaxDefinitions} are allowed.");
            }

            CountInputValues(variables, level: 0);
            foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
            {
                // Refused here rather than left to validation, which would still run its other rules over the
                // duplicate, which this walk, measuring fragments by name, would not have measured.
                if (!_fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment))
                {
                    throw Refuse("UNIQUE_FRAGMENT_NAMES", $"There can be only one fragment named '{fragment.FragmentName.Name.StringValue}'.");
                }
            }

            foreach (var operation in document.Definitions.OfType<GraphQLOperationDefinition>())
            {
                CountDirectives(operation.Directives);
                foreach (var variable in operation.Variables?.Items ?? [])
                {
                    CountDirectives(variable.Directives);
                    // A default is an input value like any other: an `or` of thousands of terms written as a
                    // variable's default reaches the resolvers just as it would written in place.
                    if (variable.DefaultValue is { } defaultValue)
                    {
                        CountInputValues(defaultValue, level: 1);
                    }
                }

                Walk(operation.SelectionSet, fieldDepth: 0, nesting: 0);
            }

            // Validation checks every fragment, spread or not. Those the operations spread were measured (and
            // counted) at their spreads, so only the others are measured here, once, wherever they were written.
            foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
            {
                if (!_measured.ContainsKey(fragment.FragmentName.Name.StringValue))
                {
                    Fragment(fragment.FragmentName.Name.StringValue, fieldDepth: 0, nesting: 0);
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
                            CountInputValues(argument.Value, level: 1);
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

                // What the fragment holds is there again at every spread, as its fields are.
                AddInputValues(shape.InputValues);
                AddDirectives(shape.Directives);
                return shape;
            }

            if (!_fragments.TryGetValue(name, out var fragment))
            {
                return null;
            }

            _measured[name] = null;
            var (inputValues, directives) = (_inputValues, _directives);
            CountDirectives(fragment.Directives);
            var walked = Walk(fragment.SelectionSet, fieldDepth, nesting);
            walked.InputValues = _inputValues - inputValues;
            walked.Directives = _directives - directives;
            _measured[name] = walked;
            return walked;
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

        private void CountDirectives(GraphQLDirectives? directives)
        {
            foreach (var directive in directives?.Items ?? [])
            {
                AddDirectives(1);
                foreach (var argument in directive.Arguments?.Items ?? [])
                {
                    CountInputValues(argument.Value, level: 1);
                }
            }
        }

        private void AddDirectives(long count)
        {
            _directives += count;
            if (_directives > limits.MaxDirectives)
            {
                throw Refuse("DOCUMENT_TOO_MANY_DIRECTIVES", $"The document has more than {limits.MaxDirectives} directives (each fragment's counted at every spread).");
            }
        }

        /// <summary>
        /// Counts a written value and checks how deep it nests. The parser bounds a literal's depth already; the
        /// limit here is the one resolvers can rely on (a filter's depth becomes the depth of its expression tree).
        /// </summary>
        private void CountInputValues(GraphQLValue value, int level)
        {
            AddInputValues(1);
            switch (value)
            {
                case GraphQLListValue list:
                    CheckInputDepth(level);
                    foreach (var item in list.Values ?? [])
                    {
                        CountInputValues(item, level + 1);
                    }

                    break;
                case GraphQLObjectValue obj:
                    CheckInputDepth(level);
                    foreach (var field in obj.Fields ?? [])
                    {
                        CountInputValues(field.Value, level + 1);
                    }

                    break;
            }
        }

        /// <summary>Counts the variables' values; the request reader has bounded their JSON nesting (64) already.</summary>
        private void CountInputValues(object? value, int level)
        {
            switch (value)
            {
                case null or string:
                    break;
                case IDictionary<string, object?> map:
                    CheckInputDepth(level);
                    foreach (var item in map.Values)
                    {
                        AddInputValues(1);
                        CountInputValues(item, level + 1);
                    }

                    break;
                case IEnumerable list:
                    CheckInputDepth(level);
                    foreach (var item in list)
                    {
                        AddInputValues(1);
                        CountInputValues(item, level + 1);
                    }

                    break;
            }
        }

        private void CheckInputDepth(int level)
        {
            if (level > limits.MaxDepth)
            {
                throw Refuse("DOCUMENT_TOO_DEEP", $"An input value nests deeper than the maximum depth of {limits.MaxDepth} (objects and lists).");
            }
        }

        private void AddInputValues(long count)
        {
            _inputValues += count;
            if (_inputValues > limits.MaxInputValues)
            {
                throw Refuse("DOCUMENT_TOO_MANY_INPUT_VALUES", $"The arguments, variables, variable defaults and directive arguments hold more than {limits.MaxInputValues} values (each fragment's counted at every spread).");
            }
        }

        private DocumentLimitError Refuse(string code, string message) => new(document, code, message);
    }

    private sealed class Shape
    {
        public long Fields { get; set; }

        public int FieldDepth { get; set; }

        public int Nesting { get; set; } = 1;

        /// <summary>For a fragment: the input values and directives it holds, added again at every further spread.</summary>
        public long InputValues { get; set; }

        public long Directives { get; set; }

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
