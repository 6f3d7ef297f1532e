namespace NangoPS.Infrastructure
{
    /// <summary>
    /// An output object whose PowerShell form is built on the pipeline thread, as the bridge writes it. Building
    /// some objects (a flat row's PSObject) costs more than everything the engine does for a record: on the
    /// engine thread that cost would hold up the next page, on the pipeline thread it runs beside it.
    /// </summary>
    internal abstract class PendingOutput
    {
        /// <summary>The object to write; called once, on the pipeline thread.</summary>
        public abstract object Create();
    }
}
