@{
    Synopsis    = 'Checks a nango.yaml file: $true or $false, or every diagnostic with -Detailed.'
    Description = @'
Test-NangoConfig applies the same checks as Import-NangoConfig (Nango's format detection, key types, runs intervals, endpoints, the model type language, and Nango's validation rules) but never throws for a bad file: it returns $true when the file has no errors and $false otherwise. Warnings go to the warning stream and errors to the verbose stream.

With -Detailed it emits one NangoDiagnostic per finding instead (Severity, Code, Message, YamlPath, File, Line, Column), errors and warnings alike, in document order; a clean file emits nothing.
'@
    Parameters  = @{
        Path     = 'The nango.yaml to check, or a compiled zero-yaml project (.nango/nango.json, or the project folder holding it). Relative paths resolve against the current location. A directory means the nango.yaml inside it, else its .nango/nango.json. Accepts pipeline input by value and by the property names FullName and PSPath.'
        Detailed = 'Emit the diagnostic objects (errors and warnings) instead of $true/$false.'
    }
    Examples    = @(
        @{
            Code    = 'Test-NangoConfig ./nango.yaml'
            Remarks = 'Returns $true when Nango would accept the file.'
        }
        @{
            Code    = 'Test-NangoConfig ./nango.yaml -Detailed | Format-Table Severity, Line, Column, Code, Message -Wrap'
            Remarks = 'Shows every finding with its position.'
        }
        @{
            Code    = 'Get-ChildItem -Recurse -Filter nango.yaml | Where-Object { -not (Test-NangoConfig $_.FullName) }'
            Remarks = 'Finds the invalid nango.yaml files below the current folder.'
        }
    )
    Inputs      = @('System.String')
    Outputs     = @('System.Boolean', 'NangoPS.Core.Config.NangoDiagnostic')
    Links       = @('Import-NangoConfig')
}
