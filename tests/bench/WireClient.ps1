<#
.SYNOPSIS
    The floor of the benchmark: GETs every page of a SOQL query and only reads the bytes.
.DESCRIPTION
    One HttpClient, the query, then nextRecordsUrl until done. Each body is read whole as bytes; only its
    first (and, if needed, last) kilobyte is decoded to find done/nextRecordsUrl, so no JSON is parsed and no
    record is materialised. Whatever any client does beyond this is the cost of doing something with the data.
    A PowerShell loop is fine here: it runs once per page (100 pages for 200,000 records), not per record.
#>
param(
    [Parameter(Mandatory)] [string] $InstanceUrl,
    [Parameter(Mandatory)] [string] $AccessToken,
    [Parameter(Mandatory)] [string] $Soql,
    [string] $ApiVersion = 'v59.0'
)
$ErrorActionPreference = 'Stop'

function Find-PageLinks {
    # done / nextRecordsUrl / totalSize from a piece of the page; $null members where the piece lacks them.
    param([string] $Text)
    $links = @{ Done = $null; Next = $null; Total = $null }
    if ($Text -match '"done"\s*:\s*(true|false)') { $links.Done = $Matches[1] -eq 'true' }
    if ($Text -match '"nextRecordsUrl"\s*:\s*"([^"]+)"') { $links.Next = $Matches[1] }
    if ($Text -match '"totalSize"\s*:\s*(\d+)') { $links.Total = [long]$Matches[1] }
    return $links
}

$client = [System.Net.Http.HttpClient]::new()
$client.Timeout = [TimeSpan]::FromMinutes(10)
$client.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $AccessToken)
$utf8 = [System.Text.Encoding]::UTF8
$url = "$InstanceUrl/services/data/$ApiVersion/query?q=$([uri]::EscapeDataString($Soql))"
$pages = 0; $bytes = [long]0; $total = $null
try {
    while ($url) {
        $response = $client.GetAsync($url).GetAwaiter().GetResult()
        if (-not $response.IsSuccessStatusCode) {
            throw "GET page $($pages + 1) failed: $([int]$response.StatusCode) $($response.Content.ReadAsStringAsync().GetAwaiter().GetResult())"
        }
        $body = $response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult()
        $response.Dispose()
        $pages++
        $bytes += $body.Length

        # Salesforce writes totalSize/done/nextRecordsUrl before "records"; look there first, then at the end.
        $head = $utf8.GetString($body, 0, [Math]::Min(1024, $body.Length))
        $recordsAt = $head.IndexOf('"records"')
        $links = Find-PageLinks $(if ($recordsAt -ge 0) { $head.Substring(0, $recordsAt) } else { $head })
        if ($null -eq $links.Done) {
            $tailLength = [Math]::Min(2048, $body.Length)
            $links = Find-PageLinks $utf8.GetString($body, $body.Length - $tailLength, $tailLength)
        }
        if ($null -eq $links.Done) { $links = Find-PageLinks $utf8.GetString($body) }
        if ($null -eq $links.Done) { throw "Page $pages has no 'done' member." }
        if ($null -eq $total) { $total = $links.Total }
        $url = if ($links.Done) { $null } elseif ($links.Next) { $InstanceUrl + $links.Next } else { throw "Page $pages is not done but has no nextRecordsUrl." }
    }
}
finally {
    $client.Dispose()
}
[pscustomobject]@{ Records = $total; Pages = $pages; Bytes = $bytes }
