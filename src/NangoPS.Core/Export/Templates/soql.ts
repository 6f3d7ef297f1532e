// Written by NangoPS (Export-NangoProject). How the sync and the action read Salesforce: names checked against
// Salesforce's API-name grammar before they reach SOQL or a URL, every page followed, records mapped exactly as
// NangoPS's Invoke-NangoSync maps them, so a sync tried in the shell saves the same records here.

/** The REST API version NangoPS reads. */
export const API_VERSION = 'v59.0';

/** Longest query text, URL-encoded, that fits Salesforce's 16,384-byte limit on URI plus headers. */
const MAX_ENCODED_QUERY = 12_000;

// An API name: optional namespace prefix (ns__), a base of letters and digits in single-underscore runs starting
// with a letter, an optional component (__Latitude) and suffix (__c, __r, __s...). Nothing that could change a query.
const SEGMENT = '[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*';
const API_NAME = new RegExp(`^(?:${SEGMENT}__)?${SEGMENT}(?:__[A-Za-z][A-Za-z0-9]*)?(?:__[A-Za-z]+)?$`);
const MAX_NAME_LENGTH = 255;
// Salesforce allows five parent levels in a path (Account.Owner.Manager.Name...).
const MAX_PATH_DEPTH = 6;
// A record id: 15 case-sensitive or 18 case-safe letters and digits.
const RECORD_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

/** The field types Salesforce's describe reports, plus `unknown` (what NangoPS writes without describe information). */
const FIELD_TYPES = new Set([
    'id', 'string', 'boolean', 'int', 'double', 'currency', 'percent', 'date', 'datetime', 'time', 'reference',
    'picklist', 'multipicklist', 'combobox', 'textarea', 'email', 'phone', 'url', 'base64', 'address', 'location',
    'anytype', 'encryptedstring', 'complexvalue', 'long', 'json', 'unknown'
]);

export function isObjectName(name: string): boolean {
    return name.length > 0 && name.length <= MAX_NAME_LENGTH && API_NAME.test(name);
}

export function isFieldPath(path: string): boolean {
    const parts = path.split('.');
    return path.length > 0 && parts.length <= MAX_PATH_DEPTH && parts.every(isObjectName);
}

export function isRecordId(id: string): boolean {
    return RECORD_ID.test(id);
}

export interface FieldInput {
    id: string;
    name: string;
    type: string;
}

export interface ConfigurationInput {
    model: string;
    fields: FieldInput[];
}

/** One configuration, checked: the object, the fields to SELECT (Id first, once) and the keys of `data`. */
export interface ReadPlan {
    model: string;
    fields: string[];
    dataKeys: string[];
}

// A type, not an interface: Nango's batchSave takes records with an index signature, which only types satisfy.
export type OutputRecord = {
    id: string;
    model: string;
    data: Record<string, unknown>;
};

/**
 * Checks the whole metadata before any request, as NangoPS does: at least one configuration, each object once,
 * valid object and field names, known field types, no empty field list. Id is read first and once; a relationship
 * path (Owner.Name) is kept under its relationship (data.Owner), as Salesforce nests it.
 */
export function planConfigurations(configurations: ConfigurationInput[]): ReadPlan[] {
    if (configurations.length === 0) {
        throw new Error('Metadata $.configurations is empty: configure at least one model.');
    }
    const seenModels = new Set<string>();
    return configurations.map((configuration, index) => {
        const at = `$.configurations[${index}]`;
        if (!isObjectName(configuration.model)) {
            throw new Error(`Metadata ${at}.model: '${configuration.model}' is not a valid Salesforce object name.`);
        }
        if (seenModels.has(configuration.model.toLowerCase())) {
            throw new Error(`Metadata $.configurations configures the model '${configuration.model}' more than once; merge its fields into one configuration.`);
        }
        seenModels.add(configuration.model.toLowerCase());
        if (configuration.fields.length === 0) {
            throw new Error(`Metadata ${at}.fields is empty: name at least one field (Id is always included).`);
        }
        const fields = ['Id'];
        const seenFields = new Set(['id']);
        configuration.fields.forEach((field, f) => {
            if (!isFieldPath(field.name)) {
                throw new Error(`Metadata ${at}.fields[${f}].name: '${field.name}' is not a valid Salesforce field name or relationship path.`);
            }
            if (!FIELD_TYPES.has(field.type.toLowerCase())) {
                throw new Error(`Metadata ${at}.fields[${f}].type: '${field.type}' is not a Salesforce field type.`);
            }
            if (!seenFields.has(field.name.toLowerCase())) {
                seenFields.add(field.name.toLowerCase());
                fields.push(field.name);
            }
        });
        const dataKeys: string[] = [];
        const seenKeys = new Set<string>();
        for (const field of fields) {
            const key = field.split('.')[0] ?? field;
            if (!seenKeys.has(key.toLowerCase())) {
                seenKeys.add(key.toLowerCase());
                dataKeys.push(key);
            }
        }
        return { model: configuration.model, fields, dataKeys };
    });
}

/**
 * The SELECT of one plan, ordered by Id so a run can resume after the last saved Id (a locator expires after
 * 15 minutes; a position does not). `afterId` comes from a checkpoint and is checked before it reaches SOQL.
 */
export function selectStatement(plan: ReadPlan, afterId: string | null): string {
    let soql = `SELECT ${plan.fields.join(',')} FROM ${plan.model}`;
    if (afterId !== null) {
        if (!isRecordId(afterId)) {
            throw new Error(`The checkpoint's position '${afterId}' is not a Salesforce record id.`);
        }
        soql += ` WHERE Id > '${afterId}'`;
    }
    soql += ' ORDER BY Id';
    if (encodeURIComponent(soql).length > MAX_ENCODED_QUERY) {
        throw new Error(`The query on ${plan.model} is too long for one request (${plan.fields.length} fields); split its fields over fewer, smaller configurations.`);
    }
    return soql;
}

/** A next-page locator must be Salesforce's own query path, nothing a page could point elsewhere. */
export function checkNextRecordsUrl(url: string): string {
    if (!/^\/services\/data\/v\d+\.\d+\/query(?:All)?\/[A-Za-z0-9-]+$/.test(url)) {
        throw new Error(`Salesforce answered an unexpected nextRecordsUrl: '${url}'.`);
    }
    return url;
}

/** A query page as Salesforce sends it: `{totalSize, done, nextRecordsUrl?, records}`. */
export interface QueryPage {
    done: boolean;
    nextRecordsUrl?: string;
    records: Record<string, unknown>[];
}

export function readQueryPage(body: unknown): QueryPage {
    if (typeof body !== 'object' || body === null) {
        throw new Error('Salesforce answered a query with something that is not a JSON object.');
    }
    const page = body as Record<string, unknown>;
    const records = page['records'];
    const done = page['done'];
    const next = page['nextRecordsUrl'];
    if (!Array.isArray(records) || typeof done !== 'boolean') {
        throw new Error('Salesforce answered a query without records or done.');
    }
    const result: QueryPage = { done, records: records as Record<string, unknown>[] };
    if (typeof next === 'string' && next.length > 0) {
        result.nextRecordsUrl = next;
    }
    return result;
}

/** Salesforce's `attributes` objects ({type, url}) are dropped at every depth, as NangoPS drops them. */
function withoutAttributes(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(withoutAttributes);
    }
    if (typeof value === 'object' && value !== null) {
        const result: Record<string, unknown> = {};
        for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
            if (key !== 'attributes') {
                result[key] = withoutAttributes(inner);
            }
        }
        return result;
    }
    return value;
}

/**
 * The seed's OutputData: `data` keyed by the configured names in configuration order, values as Salesforce sent
 * them. Names match Salesforce's case-insensitively (a user may type `name` for `Name`); a missing key is null.
 */
export function mapRecord(plan: ReadPlan, record: Record<string, unknown>): OutputRecord {
    const byLowerName = new Map<string, unknown>();
    for (const [key, value] of Object.entries(record)) {
        if (!byLowerName.has(key.toLowerCase())) {
            byLowerName.set(key.toLowerCase(), value);
        }
    }
    const read = (key: string): unknown => (Object.prototype.hasOwnProperty.call(record, key) ? record[key] : byLowerName.get(key.toLowerCase()));
    const id = read('Id');
    if (typeof id !== 'string' || id.length === 0) {
        throw new Error(`A ${plan.model} record came back without its Id.`);
    }
    const data: Record<string, unknown> = {};
    for (const key of plan.dataKeys) {
        const value = read(key);
        data[key] = value === undefined ? null : withoutAttributes(value);
    }
    return { id, model: plan.model, data };
}
