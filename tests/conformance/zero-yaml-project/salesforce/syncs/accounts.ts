import { createSync } from 'nango';
import * as z from 'zod';

const OutputData = z.object({
    id: z.string(),
    model: z.string(),
    data: z.record(z.string(), z.any())
});

const DynamicFieldMetadata = z.object({
    configurations: z.array(z.object({
        model: z.string(),
        fields: z.array(z.object({ id: z.string(), name: z.string(), type: z.string() }))
    }))
});

export default createSync({
    description: 'Configuration-based sync of Salesforce objects',
    version: '1.0.0',
    endpoints: [{ method: 'GET', path: '/salesforce/records', group: 'Records' }],
    frequency: 'every hour',
    autoStart: false,
    syncType: 'full',
    trackDeletes: true,
    metadata: DynamicFieldMetadata,
    models: { OutputData },
    exec: async (nango) => {
        await nango.batchSave([], 'OutputData');
    }
});
