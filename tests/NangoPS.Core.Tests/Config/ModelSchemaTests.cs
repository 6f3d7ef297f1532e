using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using NangoPS.Core.Config;
using Xunit;

namespace NangoPS.Core.Tests.Config
{
    /// <summary>Validating JSON-like values against models, with JSON paths.</summary>
    public class ModelSchemaTests
    {
        private static readonly NangoConfig Seed = NangoConfigLoader.Load(FormatTests.ExamplePath).Config!;

        private static Dictionary<string, object?> Obj(params (string Key, object? Value)[] pairs) =>
            pairs.ToDictionary(p => p.Key, p => p.Value);

        private static Dictionary<string, object?> Field(object? id, string name, string type) => Obj(("id", id), ("name", name), ("type", type));

        [Fact]
        public void ValidMetadataHasNoViolations()
        {
            var metadata = Obj(("configurations", new List<object?> { Obj(("model", "Account"), ("fields", new List<object?> { Field("Id", "Id", "id") })) }));
            Assert.Empty(Seed.GetSchema("DynamicFieldMetadata").Validate(metadata));
            Assert.True(Seed.GetSchema("DynamicFieldMetadata").IsValid(metadata));
        }

        [Fact]
        public void EachViolationNamesItsJsonPath()
        {
            var metadata = Obj(("configurations", new List<object?>
            {
                Obj(("model", "Account"), ("fields", new List<object?> { Field("Id", "Id", "id"), Obj(("id", 7L), ("name", "Name")) })),
                Obj(("fields", "Name")),
            }));
            var violations = Seed.GetSchema("DynamicFieldMetadata").Validate(metadata).Select(v => v.ToString()).ToList();
            Assert.Equal(new[]
            {
                "$.configurations[0].fields[1].id: expected a string, got number 7",
                "$.configurations[0].fields[1].type: required property 'type' (a string) is missing",
                "$.configurations[1].model: required property 'model' (a string) is missing",
                "$.configurations[1].fields: expected an array, got string \"Name\"",
            }, violations);
        }

        [Fact]
        public void OutputRecordsAcceptAnyDataButNeedIdAndModel()
        {
            var schema = Seed.GetSchema("OutputData");
            Assert.True(schema.IsValid(Obj(("id", "001"), ("model", "Account"), ("data", Obj(("Name", "Acme"), ("Employees", 12L), ("Nested", Obj()))))));
            Assert.Equal("$.data: expected an object, got null", schema.Validate(Obj(("id", "001"), ("model", "Account"), ("data", null))).Single().ToString());
        }

        [Fact]
        public void HashtablesOrderedDictionariesAndArraysAreAccepted()
        {
            var ht = new Hashtable { ["configurations"] = new object[] { new Hashtable { ["model"] = "Contact", ["fields"] = new ArrayList { new Hashtable { ["id"] = "Id", ["name"] = "Id", ["type"] = "id" } } } } };
            Assert.True(Seed.GetSchema("DynamicFieldMetadata").IsValid(ht));
            var record = new NangoPS.Models.OutputData("1", "Account", new Hashtable { ["Name"] = "x" });
            Assert.True(Seed.GetSchema("OutputData").IsValid(record));
        }

        [Fact]
        public void JsonElementsAreAccepted()
        {
            using var doc = JsonDocument.Parse("{\"configurations\":[{\"model\":\"Account\",\"fields\":[{\"id\":\"Id\",\"name\":\"Id\",\"type\":1}]}]}");
            var violation = Seed.GetSchema("DynamicFieldMetadata").Validate(doc.RootElement).Single();
            Assert.Equal("$.configurations[0].fields[0].type", violation.Path);
        }

        [Fact]
        public void TypesCheckTheirValues()
        {
            var result = Yaml.Load(Yaml.V2("runs: every 1h\noutput: Contact\n",
                "T:\n  n: number\n  b: boolean\n  d: Date\n  s: \"'a' | 'b'\"\n  u: string | null\n  o?: string\n  l: number[]\n  m:\n    __string: number\n  any: any\n  obj: object\n"));
            var schema = result.Config!.GetSchema("T");
            var good = Obj(("n", 1.5), ("b", true), ("d", "2024-05-01T10:00:00Z"), ("s", "b"), ("u", null), ("l", new List<object?> { 1, 2L, 3.0m }),
                ("m", Obj(("x", 1))), ("any", null), ("obj", Obj()));
            Assert.Empty(schema.Validate(good));
            var bad = Obj(("n", "1"), ("b", "yes"), ("d", "not a date"), ("s", "c"), ("u", 5), ("o", null), ("l", new List<object?> { 1, "two" }),
                ("m", Obj(("x", "1"))), ("obj", "x"));
            var paths = schema.Validate(bad).Select(v => v.Path).ToList();
            Assert.Equal(new[] { "$.n", "$.b", "$.d", "$.s", "$.u", "$.o", "$.l[1]", "$.m.x", "$.obj" }, paths);
        }

        [Fact]
        public void UnionOfObjectsExplainsInsideTheOnlyObjectMember()
        {
            var result = Yaml.Load(Yaml.V2("runs: every 1h\noutput: Contact\n", "T:\n  c: Contact | null\n"));
            var violation = result.Config!.GetSchema("T").Validate(Obj(("c", Obj(("id", "1"))))).Single();
            Assert.Equal("$.c.name", violation.Path);
        }

        [Fact]
        public void OddPropertyNamesAreQuotedInPaths()
        {
            var result = Yaml.Load(Yaml.V2("runs: every 1h\noutput: Contact\n", "T:\n  __string: number\n"));
            Assert.Equal("$['odd key']", result.Config!.GetSchema("T").Validate(Obj(("odd key", "x"))).Single().Path);
        }

        [Fact]
        public void UnknownModelIsAClearError()
        {
            var ex = Assert.Throws<NangoPS.Core.Common.NangoException>(() => Seed.GetSchema("Nope"));
            Assert.Equal("ModelNotFound", ex.Code);
        }

        [Fact]
        public void DeeplyNestedDataIsRefusedNotAStackOverflow()
        {
            var result = Yaml.Load(Yaml.V2("runs: every 1h\noutput: Contact\n", "Node:\n  next?: Node\n"));
            var value = Obj();
            var current = value;
            for (int i = 0; i < 10_000; i++)
            {
                var next = Obj();
                current["next"] = next;
                current = next;
            }

            var schema = result.Config!.GetSchema("Node");
            Assert.False(schema.IsValid(value));
            Assert.Contains("nested deeper", schema.Validate(value).Single().Message);
        }

        [Fact]
        public void SchemaIsCompiledOncePerModel()
        {
            Assert.Same(Seed.GetSchema("OutputData"), Seed.GetSchema("OutputData"));
        }

        [Fact]
        public void ValidatingAValidRecordAllocatesAlmostNothing()
        {
            var result = Yaml.Load(Yaml.V2("runs: every 1h\noutput: Contact\n",
                "Wide:\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"  f{i}: {(i % 2 == 0 ? "string" : "number | null")}\n"))));
            var schema = result.Config!.GetSchema("Wide");
            var record = Enumerable.Range(0, 20).ToDictionary(i => "f" + i, i => i % 2 == 0 ? (object?)"v" : (object?)(long)i);
            Assert.True(schema.IsValid(record));
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++)
            {
                schema.Validate(record);
            }

            long perRecord = (GC.GetAllocatedBytesForCurrentThread() - before) / 10_000;
            Assert.True(perRecord < 64, $"{perRecord} bytes allocated per valid record");
        }
    }
}
