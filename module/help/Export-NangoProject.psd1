@{
    Synopsis    = 'Writes a Nango project (zero-yaml TypeScript) holding the configuration-based sync and the fetch-fields action, ready for nango compile and nango deploy.'
    Description = @'
Export-NangoProject writes a project in Nango's current format (TypeScript files calling createSync / createAction, models as zod schemas; no nango.yaml) that Nango's CLI compiles, dry-runs and deploys. It holds:

- <integration>/syncs/configuration-based-sync.ts: the configuration-based sync. It reads the connection's metadata {configurations: [{model, fields: [{id, name, type}]}]}, the same metadata Invoke-NangoSync takes (New-NangoFieldConfiguration -AsMetadata builds it), and saves the same OutputData {id, model, data} records Invoke-NangoSync emits, value for value: data keyed by the configured names, Id always first, a relationship path kept under its relationship, Salesforce's attributes dropped.
- <integration>/actions/fetch-fields.ts: the introspection action; input {name: 'Account'}, output the object's fields as Invoke-NangoAction's fetch-fields answers them.
- <integration>/helpers/soql.ts, index.ts, package.json (nango 0.71.10, zod 4.3.6), tsconfig.json, .gitignore, README.md, and an empty .nango folder (how Nango's CLI recognises a zero-yaml project).

The sync is written the way NangoPS reads Salesforce: the whole metadata is checked before the first request (object and field names against Salesforce's API-name grammar, known field types, no empty field list, each object once), so metadata cannot inject SOQL; every page is read (nextRecordsUrl followed to the end, each locator checked); after each page a checkpoint {models, model, afterId} is saved, so an execution that stops (Nango's 24-hour limit, a failure) resumes after the last saved record, reading by Id; deletions are tracked with trackDeletesStart / trackDeletesEnd only when a whole pass completes, so a failed or partial execution deletes nothing. A checkpoint saved for other configured objects starts a new pass.

Nothing is written until everything is checked. A folder that does not exist is created. If any file the export writes already exists the cmdlet stops with ProjectFilesExist (ResourceExists), naming them, and writes nothing; with -Force it rewrites the exported scripts and helpers, adds its imports to an existing index.ts (other integrations' imports stay), and keeps the project's own package.json, tsconfig.json, .gitignore and README.md. Other files in the folder are never touched. A folder holding a nango.yaml is refused (NangoYamlPresent): Nango's CLI would treat it as a classic project. Each file is written to a temporary file first and moved into place.

The cmdlet emits a FileInfo for every file it wrote. It makes no network call and needs no connection.
'@
    Parameters  = @{
        Path        = 'The project folder; created when missing. Relative paths resolve against the current location. Accepts pipeline input by value and by the property names FullName and PSPath.'
        Integration = 'The integration key (Nango''s provider config key, the unique key of the Salesforce integration on the Nango server) the scripts are filed under: 1-64 letters, digits, - or _. Default: salesforce.'
        Force       = 'Rewrite the files an earlier export wrote (scripts and helpers), add the missing imports to index.ts, and keep the project''s own package.json, tsconfig.json, .gitignore and README.md. Without it, any existing file the export would write is an error and nothing is written.'
    }
    Examples    = @(
        @{
            Code    = 'Export-NangoProject -Path ./nango-integrations'
            Remarks = 'Writes the project for the integration key salesforce and lists the files written. Then: cd ./nango-integrations; npm install; npx nango compile; npx nango deploy dev.'
        }
        @{
            Code    = 'Export-NangoProject ./nango-integrations -Integration salesforce-prod -WhatIf'
            Remarks = 'Says which files would be created, replaced or merged, and writes nothing.'
        }
        @{
            Code    = 'Export-NangoProject ./nango-integrations -Force -Verbose'
            Remarks = 'Refreshes the exported scripts in an existing project after a NangoPS update; -Verbose names each file created, replaced, merged or kept.'
        }
        @{
            Code    = @'
Get-NangoSchema -Entity Account | Where-Object Type -ne 'base64' | New-NangoFieldConfiguration -AsMetadata |
    ConvertTo-Json -Depth 10 | Set-Content ./metadata.json
npx nango dryrun configuration-based-sync my-connection -e dev --integration-id salesforce --metadata '@metadata.json'
'@
            Remarks = 'Dry-runs the exported sync with Nango''s own runtime against a connection, using the metadata built in the shell: it saves the records Invoke-NangoSync emits for that metadata.'
        }
    )
    Inputs      = @('System.String')
    Outputs     = @('System.IO.FileInfo')
    Links       = @('Invoke-NangoSync', 'New-NangoFieldConfiguration', 'Invoke-NangoAction')
}
