// Nango's own verdict on nango.yaml files: the differential oracle of tests/conformance.
//
// It runs the same steps as the CLI's parse() (nango/dist/services/config.service.js): js-yaml load and
// version detection as loadNangoYaml does, the JSON schema (validateYaml, ajv + ajv-errors, the CLI's own
// lib/nango.yaml.schema.v1/v2.json), then the @nangohq/nango-yaml parser. Like the CLI it stops at the first
// stage that fails. It does not call parse() itself only because parse() prints its findings and returns a
// bare "failed" error; here each finding comes back with its stage and code.
//
// Usage: node nango-oracle.mjs <tools dir holding node_modules> <list file: one yaml path a line>
// Output: one JSON object a line: {file, accepted, stage, errors:[{code,message,path}], warnings:[...], scripts:[...]}
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [toolsDir, listFile] = process.argv.slice(2);
const modules = path.join(toolsDir, 'node_modules');
const load = (rel) => import(pathToFileURL(path.join(modules, rel)).href);

// validateYaml builds a new Ajv and compiles the same schema file on every call (~100 ms each). Every instance is
// configured identically (allErrors, ajv-errors), so the function compiled for a schema text is reused: the same
// checks, Nango's own validateYaml code around them, without compiling the schema 500 times.
const nangoRequire = createRequire(path.join(modules, 'nango/package.json'));
const { Ajv } = nangoRequire('ajv');
const compiled = new Map();
const compile = Ajv.prototype.compile;
Ajv.prototype.compile = function (schema, meta) {
    const key = JSON.stringify(schema);
    if (!compiled.has(key)) {
        compiled.set(key, compile.call(this, schema, meta));
    }
    return compiled.get(key);
};

// The CLI module reads .env and its own state from the working directory and home: the caller runs it elsewhere.
const { validateYaml } = await load('nango/dist/services/config.service.js');
const { determineVersion, NangoYamlParserV1, NangoYamlParserV2 } = await load('@nangohq/nango-yaml/dist/index.js');
const yaml = createRequire(path.join(modules, '@nangohq/nango-yaml/package.json'))('js-yaml');

function verdict(file) {
    let raw;
    let parser;
    try {
        const content = fs.readFileSync(file, 'utf8');
        raw = yaml.load(content);
        const version = determineVersion(raw);
        parser = version === 'v1' ? new NangoYamlParserV1({ raw, yaml: content }) : new NangoYamlParserV2({ raw, yaml: content });
    } catch (err) {
        // loadNangoYaml turns every failure here into "no nango.yaml config found"
        return { accepted: false, stage: 'load', errors: [{ code: 'error_loading_nango_yaml', message: String(err?.message ?? err) }], warnings: [] };
    }
    try {
        const schemaErrors = validateYaml(parser.raw);
        if (schemaErrors.length > 0) {
            return { accepted: false, stage: 'schema', errors: schemaErrors.map((e) => ({ code: e.code ?? null, message: e.msg, path: e.path ?? '' })), warnings: [] };
        }
        parser.parse();
    } catch (err) {
        // parse() catches what its steps throw and fails with error_loading_nango_yaml: Nango crashed on the file
        return { accepted: false, stage: 'crash', errors: [{ code: 'error_loading_nango_yaml', message: String(err?.message ?? err) }], warnings: [] };
    }
    const shape = (e) => ({ code: e.code ?? null, message: e.message, path: Array.isArray(e.path) ? e.path.join(' > ') : String(e.path ?? '') });
    // What Nango would deploy: every sync and action it kept, as integration/kind/name.
    const scripts = (parser.parsed?.integrations ?? []).flatMap((i) => [
        ...i.syncs.map((s) => `${i.providerConfigKey}/sync/${s.name}`),
        ...i.actions.map((a) => `${i.providerConfigKey}/action/${a.name}`)
    ]);
    return {
        accepted: parser.errors.length === 0,
        stage: 'parser',
        errors: parser.errors.map(shape),
        warnings: parser.warnings.map(shape),
        scripts
    };
}

const files = fs.readFileSync(listFile, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
const out = [];
for (const file of files) {
    out.push(JSON.stringify({ file, ...verdict(file) }));
}
process.stdout.write(out.join('\n') + '\n');
