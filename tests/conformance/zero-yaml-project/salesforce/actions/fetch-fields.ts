import { createAction } from 'nango';
import * as z from 'zod';

export default createAction({
    description: 'Fields of an entity',
    version: '1.0.0',
    endpoint: { method: 'POST', path: '/salesforce/fetch-fields' },
    input: z.object({ name: z.string() }),
    output: z.object({ fields: z.array(z.object({ name: z.string(), type: z.string() })) }),
    exec: async (_nango, input) => {
        return { fields: [{ name: input.name, type: 'string' }] };
    }
});
