namespace NangoPS.Core.Config
{
    /// <summary>
    /// Stable diagnostic codes. Where Nango's parser has a code for a finding we use Nango's; the others
    /// name what Nango's JSON-schema check or YAML reader rejects without a code, or what only NangoPS sees.
    /// </summary>
    public static class DiagnosticCodes
    {
        // Nango's parser codes (errors)
        /// <summary>A model name has characters other than letters, digits and <c>_</c>.</summary>
        public const string InvalidModelName = "invalid_model_name";
        /// <summary>One integration outputs the same model from more than one script.</summary>
        public const string DuplicateModel = "duplicate_model";
        /// <summary>A sync's output model has no <c>id</c> field, so its records cannot be told apart.</summary>
        public const string ModelMissingId = "model_missing_id";
        /// <summary>The same endpoint is declared by more than one script.</summary>
        public const string DuplicateEndpoint = "duplicate_endpoint";
        /// <summary>An endpoint names a model that does not exist.</summary>
        public const string ModelNotFound = "model_not_found";
        /// <summary>A sync's endpoints do not match its output models one to one.</summary>
        public const string EndpointsMismatch = "endpoints_mismatch";
        /// <summary>A sync's <c>runs</c> schedule is not a string with the word "every" (a warning in v1 files).</summary>
        public const string InvalidRuns = "invalid_runs";
        /// <summary>A model's <c>__extends</c> names a model that does not exist.</summary>
        public const string ModelExtendsNotFound = "model_extends_not_found";
        /// <summary>A field type uses TypeScript syntax nango.yaml does not support.</summary>
        public const string TypeSyntaxError = "type_syntax_error";
        /// <summary>Nango's code for an array type it cannot parse; NangoPS does not raise it today.</summary>
        public const string FailedToParseArray = "failed_to_parse_array";
        /// <summary>Nango's code for an object type it cannot parse; NangoPS does not raise it today.</summary>
        public const string FailedToParseObject = "failed_to_parse_object";
        /// <summary>Nango's code for a union type it cannot parse; NangoPS does not raise it today.</summary>
        public const string FailedToParseUnion = "failed_to_parse_union";
        /// <summary>An integration has both <c>post-connection-scripts</c> and <c>on-events</c>; only one is allowed.</summary>
        public const string BothPostConnectionScriptsAndOnEvents = "both_post_connection_scripts_and_on_events_present";

        // Nango's parser codes (warnings)
        /// <summary>Models refer to each other in a cycle; allowed, but flagged in case it is a mistake.</summary>
        public const string CyclicModel = "cyclic_model";
        /// <summary>A script's input or output model is a single literal type, which is likely a mistake.</summary>
        public const string ModelIsLiteral = "model_is_literal";
        /// <summary>A field type names no model, so it is read as a string literal of that name.</summary>
        public const string ModelNotFoundFallback = "model_not_found_fallback";

        // Reading the file
        /// <summary>The config file does not exist or cannot be read.</summary>
        public const string FileNotFound = "file_not_found";
        /// <summary>The config file (or text) is over the size NangoPS accepts.</summary>
        public const string FileTooLarge = "file_too_large";
        /// <summary>The config file is not valid UTF-8.</summary>
        public const string InvalidEncoding = "invalid_encoding";
        /// <summary>The config file is empty or holds only comments and blank lines.</summary>
        public const string EmptyFile = "empty_file";
        /// <summary>The text is not valid YAML, or a merge key (<c>&lt;&lt;</c>) names something other than mappings.</summary>
        public const string YamlSyntaxError = "yaml_syntax_error";
        /// <summary>A tab character is used for indentation; YAML allows only spaces there.</summary>
        public const string TabIndentation = "tab_indentation";
        /// <summary>A mapping defines the same key twice.</summary>
        public const string DuplicateKey = "duplicate_key";
        /// <summary>The file holds more than one YAML document (<c>---</c>).</summary>
        public const string MultipleDocuments = "multiple_documents";
        /// <summary>The document nests deeper than the reader allows; reading stops.</summary>
        public const string NestingTooDeep = "nesting_too_deep";
        /// <summary>The document expands to too many nodes, through aliases or size; reading stops.</summary>
        public const string AliasExpansionTooLarge = "alias_expansion_too_large";
        /// <summary>A mapping key is complex or empty rather than a plain name.</summary>
        public const string UnsupportedKey = "unsupported_key";
        /// <summary>The last diagnostic of a capped list: how many more were found but not reported.</summary>
        public const string TooManyDiagnostics = "too_many_diagnostics";

        // Nango's JSON-schema checks (Nango reports these without a code)
        /// <summary>The document is not a mapping.</summary>
        public const string InvalidRoot = "invalid_root";
        /// <summary>The <c>integrations</c> section is missing.</summary>
        public const string MissingIntegrations = "missing_integrations";
        /// <summary>The <c>models</c> section is missing or empty.</summary>
        public const string MissingModels = "missing_models";
        /// <summary>A key the schema does not know, e.g. a misspelt script property.</summary>
        public const string UnknownKey = "unknown_key";
        /// <summary>A value has the wrong YAML kind, e.g. a list where a mapping belongs.</summary>
        public const string InvalidType = "invalid_type";
        /// <summary>An integration or script name has characters other than letters, digits, <c>_</c> and <c>-</c>.</summary>
        public const string InvalidName = "invalid_name";
        /// <summary>A sync or action lacks its <c>output</c>.</summary>
        public const string MissingOutput = "missing_output";
        /// <summary>A v2 sync or action lacks its <c>endpoint</c> (Nango's schema requires one).</summary>
        public const string MissingEndpoint = "missing_endpoint";
        /// <summary>A v2 sync lacks its <c>runs</c> schedule.</summary>
        public const string MissingRuns = "missing_runs";
        /// <summary><c>sync_type</c> is neither <c>incremental</c> nor <c>full</c>.</summary>
        public const string InvalidSyncType = "invalid_sync_type";
        /// <summary>An endpoint is not "METHOD /path" (or an object with a path), or an action has more than one.</summary>
        public const string InvalidEndpoint = "invalid_endpoint";
        /// <summary><c>version</c> is not an integer, a string of digits or a semantic version.</summary>
        public const string InvalidVersion = "invalid_version";
        /// <summary><c>on-events</c> names an event Nango does not know.</summary>
        public const string InvalidOnEvent = "invalid_on_event";
        /// <summary>A script's <c>type</c> is neither <c>sync</c> nor <c>action</c>.</summary>
        public const string InvalidScriptType = "invalid_script_type";
        /// <summary><c>track_deletes</c> is set on an incremental sync; it applies to full syncs only.</summary>
        public const string TrackDeletesIncremental = "track_deletes_incremental";
        /// <summary>A model has no fields.</summary>
        public const string ModelEmpty = "model_empty";

        // NangoPS findings Nango does not make
        /// <summary>Models extend each other (<c>__extends</c>) in a cycle.</summary>
        public const string CyclicExtends = "cyclic_extends";
        /// <summary>A script sits where v1 puts it but uses v2 keys; Nango drops it, NangoPS reads it as v2.</summary>
        public const string V1LayoutWithV2Keys = "v1_layout_with_v2_keys";
        /// <summary>A v1 sync without <c>returns</c>, which Nango ignores and so does NangoPS.</summary>
        public const string ScriptDropped = "script_dropped";
    }
}
