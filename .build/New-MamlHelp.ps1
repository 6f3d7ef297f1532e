<#
.SYNOPSIS
    Writes en-US/NangoPS.dll-Help.xml (MAML) for every cmdlet the module exports.
.DESCRIPTION
    The prose comes from module/help/<Verb-Noun>.psd1 (Synopsis, Description, Parameters = @{Name = text},
    Examples = @(@{Code; Remarks}), Inputs, Outputs, Notes, Links). Everything that can drift from the code
    (parameter sets, types, positions, pipeline binding, aliases) is read from the imported cmdlets. A cmdlet
    without a help source, a parameter without a description, or a cmdlet without an example fails the build.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $HelpSource
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$module = Import-Module (Join-Path $ModulePath 'NangoPS.psd1') -PassThru -Force
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

$maml = 'http://schemas.microsoft.com/maml/2004/10'
$cmd = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'

$problems = [System.Collections.Generic.List[string]]::new()
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$helpFolder = Join-Path $ModulePath 'en-US'
New-Item -ItemType Directory -Path $helpFolder -Force | Out-Null
$writer = [System.Xml.XmlWriter]::Create((Join-Path $helpFolder 'NangoPS.dll-Help.xml'), $settings)

function Write-Para([string] $text) {
    foreach ($para in ($text -split "`r?`n`r?`n")) {
        $writer.WriteElementString('para', $maml, $para.Trim())
    }
}

function Write-Description([string] $text) {
    $writer.WriteStartElement('maml', 'description', $maml); Write-Para $text; $writer.WriteEndElement()
}

function Get-PipelineInput($attribute) {
    $kinds = @()
    if ($attribute.ValueFromPipeline) { $kinds += 'ByValue' }
    if ($attribute.ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($kinds) { return "True ($($kinds -join ', '))" }
    return 'False'
}

function Write-Parameter($parameter, $attribute, [string] $description) {
    $position = if ($attribute.Position -ge 0) { [string]$attribute.Position } else { 'named' }
    $aliases = if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }
    $globbing = [bool]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    $writer.WriteStartElement('command', 'parameter', $cmd)
    $writer.WriteAttributeString('required', $attribute.Mandatory.ToString().ToLowerInvariant())
    $writer.WriteAttributeString('variableLength', 'true')
    $writer.WriteAttributeString('globbing', $globbing.ToString().ToLowerInvariant())
    $writer.WriteAttributeString('pipelineInput', (Get-PipelineInput $attribute))
    $writer.WriteAttributeString('position', $position)
    $writer.WriteAttributeString('aliases', $aliases)
    $writer.WriteElementString('name', $maml, $parameter.Name)
    Write-Description $description
    $typeName = $parameter.ParameterType.Name
    if ($parameter.ParameterType -ne [System.Management.Automation.SwitchParameter]) {
        $writer.WriteStartElement('command', 'parameterValue', $cmd)
        $writer.WriteAttributeString('required', 'true'); $writer.WriteAttributeString('variableLength', 'false')
        $writer.WriteString($typeName); $writer.WriteEndElement()
    }
    $writer.WriteStartElement('dev', 'type', $dev); $writer.WriteElementString('name', $maml, $parameter.ParameterType.FullName); $writer.WriteEndElement()
    $writer.WriteElementString('defaultValue', $dev, 'None')
    $writer.WriteEndElement()
}

$writer.WriteStartDocument()
$writer.WriteStartElement('helpItems', 'http://msh')
$writer.WriteAttributeString('schema', 'maml')

foreach ($command in ($module.ExportedCmdlets.Values | Sort-Object Name)) {
    $sourcePath = Join-Path $HelpSource "$($command.Name).psd1"
    if (-not (Test-Path $sourcePath)) { $problems.Add("$($command.Name): no help source at $sourcePath"); continue }
    $help = Import-PowerShellDataFile $sourcePath
    foreach ($key in 'Synopsis', 'Description', 'Examples') {
        if (-not $help[$key]) { $problems.Add("$($command.Name): help source lacks $key") }
    }
    $paramHelp = if ($help['Parameters']) { $help['Parameters'] } else { @{} }
    $own = $command.Parameters.Values | Where-Object { $_.Name -notin $common }
    foreach ($parameter in $own) {
        if (-not $paramHelp[$parameter.Name]) { $problems.Add("$($command.Name): parameter $($parameter.Name) has no description") }
    }

    $verb, $noun = $command.Name -split '-', 2
    $writer.WriteStartElement('command', 'command', $cmd)
    $writer.WriteAttributeString('xmlns', 'maml', $null, $maml)
    $writer.WriteAttributeString('xmlns', 'command', $null, $cmd)
    $writer.WriteAttributeString('xmlns', 'dev', $null, $dev)

    $writer.WriteStartElement('command', 'details', $cmd)
    $writer.WriteElementString('name', $cmd, $command.Name)
    $writer.WriteElementString('verb', $cmd, $verb)
    $writer.WriteElementString('noun', $cmd, $noun)
    Write-Description ([string]$help['Synopsis'])
    $writer.WriteEndElement()
    Write-Description ([string]$help['Description'])

    $writer.WriteStartElement('command', 'syntax', $cmd)
    foreach ($set in $command.ParameterSets) {
        $writer.WriteStartElement('command', 'syntaxItem', $cmd)
        $writer.WriteElementString('name', $maml, $command.Name)
        foreach ($p in ($set.Parameters | Where-Object { $_.Name -notin $common } | Sort-Object { if ($_.Position -ge 0) { $_.Position } else { 1000 } })) {
            $parameter = $command.Parameters[$p.Name]
            $attribute = [pscustomobject]@{ Mandatory = $p.IsMandatory; Position = $p.Position;
                ValueFromPipeline = $p.ValueFromPipeline; ValueFromPipelineByPropertyName = $p.ValueFromPipelineByPropertyName }
            Write-Parameter $parameter $attribute ([string]$paramHelp[$p.Name])
        }
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'parameters', $cmd)
    foreach ($parameter in $own) {
        $attr = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }
        $attribute = [pscustomobject]@{
            Mandatory = [bool]($attr | Where-Object Mandatory)
            Position = ($attr | Select-Object -First 1).Position
            ValueFromPipeline = [bool]($attr | Where-Object ValueFromPipeline)
            ValueFromPipelineByPropertyName = [bool]($attr | Where-Object ValueFromPipelineByPropertyName)
        }
        Write-Parameter $parameter $attribute ([string]$paramHelp[$parameter.Name])
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'inputTypes', $cmd)
    foreach ($input in @($help['Inputs'])) {
        if (-not $input) { continue }
        $writer.WriteStartElement('command', 'inputType', $cmd)
        $writer.WriteStartElement('dev', 'type', $dev); $writer.WriteElementString('name', $maml, $input); $writer.WriteEndElement()
        Write-Description ''
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'returnValues', $cmd)
    $outputs = @($command.OutputType | ForEach-Object Name) + @($help['Outputs']) | Where-Object { $_ } | Select-Object -Unique
    foreach ($output in $outputs) {
        $writer.WriteStartElement('command', 'returnValue', $cmd)
        $writer.WriteStartElement('dev', 'type', $dev); $writer.WriteElementString('name', $maml, $output); $writer.WriteEndElement()
        Write-Description ''
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    if ($help['Notes']) {
        $writer.WriteStartElement('maml', 'alertSet', $maml)
        $writer.WriteStartElement('maml', 'alert', $maml); Write-Para ([string]$help['Notes']); $writer.WriteEndElement()
        $writer.WriteEndElement()
    }

    $writer.WriteStartElement('command', 'examples', $cmd)
    $n = 0
    foreach ($example in @($help['Examples'])) {
        $n++
        $writer.WriteStartElement('command', 'example', $cmd)
        $writer.WriteElementString('title', $maml, "-------------------------- Example $n --------------------------")
        $writer.WriteElementString('code', $dev, $example.Code)
        $writer.WriteStartElement('dev', 'remarks', $dev); Write-Para ([string]$example.Remarks); $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'relatedLinks', $cmd)
    foreach ($link in @($help['Links'])) {
        if (-not $link) { continue }
        $writer.WriteStartElement('maml', 'navigationLink', $maml)
        $writer.WriteElementString('linkText', $maml, $link); $writer.WriteElementString('uri', $maml, '')
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteEndElement()
}

$writer.WriteEndElement()
$writer.WriteEndDocument()
$writer.Dispose()

if ($problems.Count) {
    Write-Error ("Help is incomplete:`n  " + ($problems -join "`n  "))
    exit 1
}
Write-Host "MAML help written for $($module.ExportedCmdlets.Count) cmdlets."
