using System.Linq;
using NangoPS.Core.Config;
using Xunit;

namespace NangoPS.Core.Tests.Config
{
    /// <summary>Nango's model type language, read into readable types.</summary>
    public class TypeLanguageTests
    {
        private static NangoModel Model(string body, string name = "T", string others = "")
        {
            var result = Yaml.Load(Yaml.V2("runs: every 1h\noutput: Contact\n", name + ":\n" + string.Concat(Yaml.Dedent(body).Split('\n').Where(l => l.Length > 0).Select(l => "  " + l + "\n")) + others));
            Assert.True(result.Success, string.Join("\n", result.Diagnostics));
            return result.Config!.FindModel(name)!;
        }

        private static string TypeOf(NangoModel model, string field) => model.Fields.Single(f => f.Name == field).Type;

        [Theory]
        [InlineData("string", "string")]
        [InlineData("number", "number")]
        [InlineData("boolean", "boolean")]
        [InlineData("Date", "Date")]
        [InlineData("any", "any")]
        [InlineData("null", "null")]
        [InlineData("undefined", "undefined")]
        [InlineData("integer", "number")]
        [InlineData("int", "number")]
        [InlineData("float", "number")]
        [InlineData("char", "string")]
        [InlineData("varchar", "string")]
        [InlineData("bool", "boolean")]
        [InlineData("date", "Date")]
        [InlineData("object", "Record<string, any>")]
        [InlineData("array", "any[]")]
        [InlineData("String", "string")]
        public void PrimitivesAndAliases(string written, string expected)
        {
            Assert.Equal(expected, TypeOf(Model("f: " + written), "f"));
        }

        [Theory]
        [InlineData("42", "42")]
        [InlineData("true", "true")]
        [InlineData("false", "false")]
        [InlineData("~", "null")]
        [InlineData("open | closed", "'open' | 'closed'")]
        [InlineData("\"'open' | 'closed'\"", "'open' | 'closed'")]
        [InlineData("string | null", "string | null")]
        [InlineData("string[] | number", "string[] | number")]
        [InlineData("string[]", "string[]")]
        [InlineData("number[][]", "number[][]")]
        [InlineData("1 | 2 | 3", "1 | 2 | 3")]
        public void LiteralsUnionsAndArrays(string written, string expected)
        {
            Assert.Equal(expected, TypeOf(Model("f: " + written), "f"));
        }

        [Fact]
        public void OptionalFieldsDropTheQuestionMark()
        {
            var field = Model("name?: string").Fields.Single();
            Assert.Equal(("name", true, "name?: string"), (field.Name, field.Optional, field.ToString()));
        }

        [Fact]
        public void NestedMappingsAreInlineObjects()
        {
            var model = Model("address:\n  street: string\n  geo:\n    lat: number\n    lng?: number\n");
            Assert.Equal("{ street: string; geo: { lat: number; lng?: number } }", TypeOf(model, "address"));
        }

        [Fact]
        public void YamlListsAreUnionArrays()
        {
            Assert.Equal("(string | number)[]", TypeOf(Model("tags:\n  - string\n  - number\n"), "tags"));
            Assert.Equal("string[]", TypeOf(Model("tags: [string]"), "tags"));
        }

        [Fact]
        public void IndexSignaturesComeFromUnderscoreString()
        {
            var model = Model("id: string\n__string: number\n");
            Assert.Equal("number", model.IndexSignature);
            Assert.Equal("{ id: string; [key: string]: number }", model.Definition);
        }

        [Fact]
        public void ExtendsMergesSeveralParentsInOrderAndTheChildWins()
        {
            var result = Yaml.Load(Yaml.V2("runs: every 1h\noutput: Contact\n",
                "Base:\n  id: string\n  kind: string\nStamped:\n  createdAt: Date\nChild:\n  __extends: Base, Stamped\n  kind: \"'child'\"\n  extra: number\n"));
            result.AssertClean();
            var child = result.Config!.FindModel("Child")!;
            Assert.Equal(new[] { "id: string", "kind: 'child'", "createdAt: Date", "extra: number" }, child.Fields.Select(f => f.ToString()));
            Assert.Equal(new[] { "Base", "Stamped" }, child.Extends);
        }

        [Fact]
        public void ParentsDeclaredAfterTheChildStillResolve()
        {
            var result = Yaml.Load(Yaml.V2("runs: every 1h\noutput: Contact\n", "C:\n  __extends: B\n  c: string\nB:\n  __extends: A\n  b: string\nA:\n  a: string\n"));
            result.AssertClean();
            Assert.Equal(new[] { "a", "b", "c" }, result.Config!.FindModel("C")!.Fields.Select(f => f.Name));
        }

        [Fact]
        public void ReferencesToOtherModelsKeepTheirName()
        {
            var model = Model("owner: Contact\nfriends: Contact[]\n");
            Assert.Equal("Contact", TypeOf(model, "owner"));
            Assert.Equal("Contact", model.Fields.Single(f => f.Name == "friends").Model);
            Assert.True(model.Fields.Single(f => f.Name == "friends").IsArray);
        }

        [Fact]
        public void MutuallyRecursiveModelsWarnOnceAndStillValidate()
        {
            var result = Yaml.Load(Yaml.V2("runs: every 1h\noutput: Contact\n", "A:\n  b?: B\nB:\n  a?: A\n"));
            var warning = result.Single(DiagnosticCodes.CyclicModel);
            Assert.Contains("A -> B -> A", warning.Message);
            var schema = result.Config!.GetSchema("A");
            Assert.True(schema.IsValid(new System.Collections.Generic.Dictionary<string, object?> { ["b"] = new System.Collections.Generic.Dictionary<string, object?> { ["a"] = new System.Collections.Generic.Dictionary<string, object?>() } }));
        }
    }
}
