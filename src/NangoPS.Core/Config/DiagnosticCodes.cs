namespace NangoPS.Core.Config
{
    /// <summary>
    /// Stable diagnostic codes. Where Nango's parser has a code for a finding we use Nango's; the others
    /// name what Nango's JSON-schema check or YAML reader rejects without a code, or what only NangoPS sees.
    /// </summary>
    public static class DiagnosticCodes
    {
        // Nango's parser codes (errors)
        public const string InvalidModelName = "invalid_model_name";
        public const string DuplicateModel = "duplicate_model";
        public const string ModelMissingId = "model_missing_id";
        public const string DuplicateEndpoint = "duplicate_endpoint";
        public const string ModelNotFound = "model_not_found";
        public const string EndpointsMismatch = "endpoints_mismatch";
        public const string InvalidRuns = "invalid_runs";
        public const string ModelExtendsNotFound = "model_extends_not_found";
        public const string TypeSyntaxError = "type_syntax_error";
        public const string FailedToParseArray = "failed_to_parse_array";
        public const string FailedToParseObject = "failed_to_parse_object";
        public const string FailedToParseUnion = "failed_to_parse_union";
        public const string BothPostConnectionScriptsAndOnEvents = "both_post_connection_scripts_and_on_events_present";

        // Nango's parser codes (warnings)
        public const string CyclicModel = "cyclic_model";
        public const string ModelIsLiteral = "model_is_literal";
        public const string ModelNotFoundFallback = "model_not_found_fallback";

        // Reading the file
        public const string FileNotFound = "file_not_found";
        public const string FileTooLarge = "file_too_large";
        public const string InvalidEncoding = "invalid_encoding";
        public const string EmptyFile = "empty_file";
        public const string YamlSyntaxError = "yaml_syntax_error";
        public const string TabIndentation = "tab_indentation";
        public const string DuplicateKey = "duplicate_key";
        public const string MultipleDocuments = "multiple_documents";
        public const string NestingTooDeep = "nesting_too_deep";
        public const string AliasExpansionTooLarge = "alias_expansion_too_large";
        public const string UnsupportedKey = "unsupported_key";
        public const string TooManyDiagnostics = "too_many_diagnostics";

        // Nango's JSON-schema checks (Nango reports these without a code)
        public const string InvalidRoot = "invalid_root";
        public const string MissingIntegrations = "missing_integrations";
        public const string MissingModels = "missing_models";
        public const string UnknownKey = "unknown_key";
        public const string InvalidType = "invalid_type";
        public const string InvalidName = "invalid_name";
        public const string MissingOutput = "missing_output";
        public const string MissingEndpoint = "missing_endpoint";
        public const string MissingRuns = "missing_runs";
        public const string InvalidSyncType = "invalid_sync_type";
        public const string InvalidEndpoint = "invalid_endpoint";
        public const string InvalidVersion = "invalid_version";
        public const string InvalidOnEvent = "invalid_on_event";
        public const string InvalidScriptType = "invalid_script_type";
        public const string TrackDeletesIncremental = "track_deletes_incremental";
        public const string ModelEmpty = "model_empty";

        // NangoPS findings Nango does not make
        public const string CyclicExtends = "cyclic_extends";
        public const string V1LayoutWithV2Keys = "v1_layout_with_v2_keys";
        public const string ScriptDropped = "script_dropped";
    }
}
