using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Providers.Salesforce;
using NangoPS.Core.Sync;
using NangoPS.Core.Tests.Sync.Patterns;
using Xunit;

namespace NangoPS.Core.Tests.Salesforce
{
    /// <summary>
    /// REST query pages reach the engine in batches of <see cref="SalesforceRecordSource.BatchSize"/>, each parsed while
    /// the engine works through the one before. Only a page's last batch carries the query locator; a run stopped after
    /// an earlier batch resumes from its last record's position.
    /// </summary>
    public class RestBatchTests
    {
        [Fact]
        public async Task AQueryPageIsHandedOnInBatchesAndOnlyItsLastCarriesTheLocator()
        {
            int batch = SalesforceRecordSource.BatchSize;
            int pageSize = batch * 2 + 200;
            await using var sandbox = await PatternSandbox.StartAsync(accounts: pageSize + 50, contacts: 0, pageSize: pageSize);
            var source = new SalesforceRecordSource(sandbox.Client, sandbox.Log);

            var pages = new List<RecordPage>();
            await foreach (RecordPage page in source.ReadAsync(new ReadRequest("Account", new[] { "Id", "Name" }), CancellationToken.None))
            {
                pages.Add(page);
            }

            Assert.Equal(new[] { batch, batch, 200, 50 }, pages.Select(p => p.Records.Count));
            Assert.Equal(new[] { false, false, true, false }, pages.Select(p => p.ResumeLocator != null));
            Assert.Equal(new[] { false, false, false, true }, pages.Select(p => p.IsLast));
            List<string> all = await sandbox.QueryIdsAsync("SELECT Id FROM Account ORDER BY Id");
            Assert.Equal(all, pages.SelectMany(p => p.Records).Select(r => (string)r["Id"]!));

            // Resuming after the first batch (no locator): the keyset position of its last record.
            string after = (string)pages[0].Records[batch - 1]["Id"]!;
            var rest = new List<string>();
            var resumed = new ReadRequest("Account", new[] { "Id", "Name" }) { After = new RecordPosition(after, null) };
            await foreach (RecordPage page in source.ReadAsync(resumed, CancellationToken.None))
            {
                rest.AddRange(page.Records.Select(r => (string)r["Id"]!));
            }

            Assert.Equal(all.Skip(batch), rest);
        }
    }
}
