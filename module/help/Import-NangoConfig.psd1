@{
    Synopsis    = 'Loads and validates a nango.yaml file and returns its integrations, syncs, actions and models.'
    Description = @'
Import-NangoConfig reads a nango.yaml (Nango's integration configuration) in either format: v1 (scripts directly under the integration) or v2 (syncs:, actions:, on-events:), detected as Nango detects it. Every key gets its type checked and Nango's default applied; `runs` is read into an interval (Frequency); the models become typed schemas that later commands use to validate metadata and records.

The file is checked with Nango's rules and error codes, and every problem is reported at once with its YAML path and line:column. If there is any error, the command stops with one error (id NangoConfigInvalid, category InvalidData) whose message lists every diagnostic as "file:line:col code message"; the diagnostic objects are in the error's TargetObject. A missing file gives the error id NangoConfigNotFound. Warnings (such as a v1-placed script written with v2 keys, which Nango would silently drop) go to the warning stream.

Zero-yaml projects (Nango's current format: TypeScript createSync/createAction with zod models) load from what `nango compile` writes: give the project folder (it holds .nango/nango.json and no nango.yaml) or the nango.json itself. Syncs, actions, endpoints, frequency and the models (JSON Schema there) come out as from nango.yaml, and the models validate metadata and records the same way; FormatVersion is zero-yaml.

Path is resolved against the current PowerShell location; a directory means its nango.yaml (or, in a zero-yaml project, its .nango/nango.json). Paths can be piped, as strings or as file objects (FullName/PSPath).
'@
    Parameters  = @{
        Path = 'The nango.yaml to load, or a compiled zero-yaml project (.nango/nango.json, or the project folder holding it). Relative paths resolve against the current location. A directory means the nango.yaml inside it, else its .nango/nango.json. Accepts pipeline input by value and by the property names FullName and PSPath.'
    }
    Examples    = @(
        @{
            Code    = 'Import-NangoConfig ./nango.yaml'
            Remarks = 'Loads the file and shows the configuration: format version, integrations and models.'
        }
        @{
            Code    = '(Import-NangoConfig ./nango.yaml).Integrations.Syncs | Format-Table Name, SyncType, Frequency, Output'
            Remarks = 'Lists every sync with its type, interval and output models.'
        }
        @{
            Code    = "try { Import-NangoConfig ./broken.yaml } catch { `$_.TargetObject | Format-Table Line, Column, Code, Message }"
            Remarks = 'An invalid file stops the command; the error carries every diagnostic as objects in TargetObject.'
        }
        @{
            Code    = 'npx nango compile; Import-NangoConfig . | Select-Object FormatVersion -ExpandProperty Integrations'
            Remarks = 'In a zero-yaml project folder: compile it with Nango''s CLI, then load the compiled .nango/nango.json.'
        }
        @{
            Code    = 'Get-ChildItem -Recurse -Filter nango.yaml | Import-NangoConfig'
            Remarks = 'Loads every nango.yaml below the current folder (file objects bind by FullName).'
        }
    )
    Inputs      = @('System.String')
    Outputs     = @('NangoPS.Core.Config.NangoConfig')
    Notes       = 'NangoPS accepts what Nango''s schema and parser accept and rejects what they reject (a differential test suite runs both on every fixture); where it knows better it warns. Deliberate differences: it loads the v1-placed sync written with v2 keys (the layout of the configuration-based sync example) instead of silently dropping it, names a circular __extends (Nango crashes on it), refuses files Nango cannot answer (over 16 MB, nesting deeper than 100, alias bombs), and reports line and column numbers.'
    Links       = @('Test-NangoConfig')
}
