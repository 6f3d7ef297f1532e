// Written by NangoPS (Export-NangoProject): the configuration-based sync of Nango's "Advanced Integration Script
// Patterns" guide, read the way NangoPS reads Salesforce. Configure it with the connection's metadata
// (New-NangoFieldConfiguration -AsMetadata builds it); each configured object is read page by page to the end.
import { createSync } from 'nango';
import * as z from 'zod';

import { API_VERSION, checkNextRecordsUrl, mapRecord, planConfigurations, readQueryPage, selectStatement } from '../helpers/soql.js';

const Field = z.object({ id: z.string(), name: z.string(), type: z.string() });
const Configuration = z.object({ model: z.string(), fields: z.array(Field) });
const DynamicFieldMetadata = z.object({ configurations: z.array(Configuration) });
const OutputData = z.object({ id: z.string(), model: z.string(), data: z.record(z.string(), z.any()) });
// Where an unfinished pass stands (flat, as Nango's checkpoints must be): the objects the pass reads, the object
// it is in, and the last Id saved there ('' = from its start).
const Progress = z.object({ models: z.string(), model: z.string(), afterId: z.string() });

export default createSync({
    description: 'Fetch the configured fields of the configured Salesforce objects (every page; resumes from a checkpoint)',
    version: '1.0.0',
    endpoints: [{ method: 'GET', path: '/dynamic', group: 'Records' }],
    frequency: 'every hour',
    // It needs the connection's metadata first: start it once the metadata is set.
    autoStart: false,
    metadata: DynamicFieldMetadata,
    checkpoint: Progress,
    models: { OutputData },
    exec: async (nango) => {
        const metadata = DynamicFieldMetadata.safeParse(await nango.getMetadata());
        if (!metadata.success) {
            throw new Error(`The connection's metadata is not a field configuration {configurations: [{model, fields: [{id, name, type}]}]}: ${metadata.error.message}`);
        }
        const plans = planConfigurations(metadata.data.configurations);
        const models = plans.map((plan) => plan.model).join(',');

        let progress = await nango.getCheckpoint();
        if (progress && (progress.models !== models || !plans.some((plan) => plan.model === progress?.model))) {
            await nango.log('The configured objects changed since the checkpoint was saved: starting a new pass.', { level: 'warn' });
            progress = null;
        }
        if (!progress) {
            // A new pass. Records not saved by it are marked deleted only when the whole pass is done
            // (trackDeletesEnd below), however many executions it takes; a failed execution deletes nothing.
            await nango.trackDeletesStart('OutputData');
        }

        const first = progress ? plans.findIndex((plan) => plan.model === progress?.model) : 0;
        for (let index = first; index < plans.length; index++) {
            const plan = plans[index];
            if (!plan) {
                continue;
            }
            let afterId = progress && index === first && progress.afterId !== '' ? progress.afterId : null;
            let response = await nango.proxy({
                endpoint: `/services/data/${API_VERSION}/query`,
                params: { q: selectStatement(plan, afterId) },
                retries: 10
            });
            for (;;) {
                const page = readQueryPage(response.data);
                const records = page.records.map((record) => mapRecord(plan, record));
                const last = records[records.length - 1];
                if (last) {
                    await nango.batchSave(records, 'OutputData');
                    // Saved with the page: a run stopped after this point resumes after this record.
                    afterId = last.id;
                    await nango.saveCheckpoint({ models, model: plan.model, afterId });
                }
                if (page.done || !page.nextRecordsUrl) {
                    break;
                }
                response = await nango.proxy({ endpoint: checkNextRecordsUrl(page.nextRecordsUrl), retries: 10 });
            }
            const next = plans[index + 1];
            if (next) {
                await nango.saveCheckpoint({ models, model: next.model, afterId: '' });
            }
        }

        await nango.trackDeletesEnd('OutputData');
        await nango.clearCheckpoint();
    }
});
