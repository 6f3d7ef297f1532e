<#
.SYNOPSIS
    The script a PowerShell user writes without NangoPS: every record of a Salesforce object to a CSV file.
.DESCRIPTION
    Invoke-RestMethod on the query, a loop on nextRecordsUrl, a [pscustomobject] per record with the chosen
    fields, streamed to Export-Csv. It is written the way a careful user would (streaming, no array
    concatenation, no Select-Object per record), so the benchmark compares NangoPS with a good plain
    script, not a bad one. It still has the defects such scripts have: compound values (BillingAddress)
    land in the CSV as "@{street=...}", nothing is cached, nothing tells what changed since the last run.
.EXAMPLE
    ./Baseline.ps1 -InstanceUrl https://my.salesforce.com -AccessToken $token -Fields Id, Name -OutFile accounts.csv
#>
param(
    [Parameter(Mandatory)] [string] $InstanceUrl,
    [Parameter(Mandatory)] [string] $AccessToken,
    [Parameter(Mandatory)] [string[]] $Fields,
    [Parameter(Mandatory)] [string] $OutFile,
    [string] $Object = 'Account',
    [string] $ApiVersion = 'v59.0'
)
$ErrorActionPreference = 'Stop'

$headers = @{ Authorization = "Bearer $AccessToken" }
$soql = "SELECT $($Fields -join ', ') FROM $Object"
$first = "$InstanceUrl/services/data/$ApiVersion/query?q=$([uri]::EscapeDataString($soql))"

& {
    $uri = $first
    while ($uri) {
        $page = Invoke-RestMethod -Uri $uri -Headers $headers
        foreach ($record in $page.records) {
            $row = [ordered]@{}
            foreach ($field in $Fields) { $row[$field] = $record.$field }
            [pscustomobject]$row
        }
        $uri = if ($page.done) { $null } else { $InstanceUrl + $page.nextRecordsUrl }
    }
} | Export-Csv -Path $OutFile
