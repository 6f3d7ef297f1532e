// Written by NangoPS (Export-NangoProject): the introspection action of the configuration-based pattern. It
// describes one Salesforce object and answers its fields in the shape NangoPS's Invoke-NangoAction answers.
import { createAction } from 'nango';
import * as z from 'zod';

import { API_VERSION, isObjectName } from '../helpers/soql.js';

const Entity = z.object({ name: z.string() });
const FieldSchema = z.object({
    name: z.string(),
    label: z.string(),
    type: z.string(),
    length: z.number().optional(),
    precision: z.number().optional(),
    scale: z.number().optional(),
    nillable: z.boolean().optional(),
    custom: z.boolean().optional(),
    calculated: z.boolean().optional(),
    referenceTo: z.array(z.string()).optional(),
    relationshipName: z.string().nullable().optional(),
    compoundFieldName: z.string().nullable().optional(),
    picklistValues: z.array(z.string()).optional()
});
const EntityFields = z.object({ fields: z.array(FieldSchema) });

function text(value: unknown): string | null {
    return typeof value === 'string' ? value : null;
}

function whole(value: unknown): number {
    return typeof value === 'number' ? Math.trunc(value) : 0;
}

export default createAction({
    description: 'Describe a Salesforce object (Account, Contact...) and return its fields with name, label and type',
    version: '1.0.0',
    endpoint: { method: 'POST', path: '/fields', group: 'Introspection' },
    input: Entity,
    output: EntityFields,
    exec: async (nango, input) => {
        const name = input.name.trim();
        if (!isObjectName(name)) {
            throw new nango.ActionError({ message: `'${name}' is not a valid Salesforce object name.` });
        }
        const response = await nango.proxy({ endpoint: `/services/data/${API_VERSION}/sobjects/${name}/describe`, retries: 10 });
        const body = response.data as Record<string, unknown> | null;
        const fields = body?.['fields'];
        if (!Array.isArray(fields)) {
            throw new nango.ActionError({ message: `The describe of ${name} has no fields.` });
        }
        return {
            fields: (fields as Record<string, unknown>[]).map((field) => {
                const fieldName = text(field['name']) ?? '';
                const picklist = Array.isArray(field['picklistValues']) ? (field['picklistValues'] as Record<string, unknown>[]) : [];
                return {
                    name: fieldName,
                    label: text(field['label']) ?? fieldName,
                    type: text(field['type']) ?? '',
                    length: whole(field['length']),
                    precision: whole(field['precision']),
                    scale: whole(field['scale']),
                    nillable: field['nillable'] === true,
                    custom: field['custom'] === true,
                    calculated: field['calculated'] === true,
                    referenceTo: Array.isArray(field['referenceTo']) ? (field['referenceTo'] as unknown[]).filter((r): r is string => typeof r === 'string') : [],
                    relationshipName: text(field['relationshipName']),
                    compoundFieldName: text(field['compoundFieldName']),
                    // Active values only, as NangoPS lists them.
                    picklistValues: picklist.filter((p) => p['active'] !== false).map((p) => text(p['value'])).filter((v): v is string => v !== null)
                };
            })
        };
    }
});
