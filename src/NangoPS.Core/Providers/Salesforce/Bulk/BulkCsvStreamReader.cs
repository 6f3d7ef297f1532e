using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace NangoPS.Core.Providers.Salesforce.Bulk
{
    /// <summary>
    /// Reads the rows of a Bulk API 2.0 results chunk as its body arrives: bytes are read into a buffer that holds
    /// the rows not yet returned (it grows only for a row longer than itself), a row is parsed once its line end
    /// outside quotes has arrived. So a chunk of any size needs a few hundred kilobytes, and its first records are
    /// staged while the rest still downloads. A body that ends inside a row was cut: <see cref="InvalidDataException"/>.
    /// </summary>
    internal sealed class BulkCsvStreamReader
    {
        private const byte Quote = (byte)'"', Lf = (byte)'\n';
        private const int InitialBuffer = 256 * 1024;
        private readonly Func<byte[], int, int, CancellationToken, Task<int>> _read;
        private byte[] _buffer;
        private int _start;   // first byte not yet returned as a row
        private int _end;     // end of the bytes read
        private int _scan;    // where the search for the row's end goes on
        private bool _quoted; // the scan is inside a quoted field
        private bool _eof;
        private bool _bomChecked;

        /// <summary>Reads through <paramref name="read"/> (buffer, offset, count, token; 0 at the end).</summary>
        public BulkCsvStreamReader(Func<byte[], int, int, CancellationToken, Task<int>> read, int bufferSize = InitialBuffer)
        {
            _read = read;
            _buffer = new byte[Math.Max(16, bufferSize)];
        }

        /// <summary>Reads the next row into <paramref name="fields"/>; false at the end of the body.</summary>
        public async Task<bool> ReadRowAsync(List<string?> fields, CancellationToken cancellationToken)
        {
            while (true)
            {
                int rowEnd = _bomChecked ? FindRowEnd() : -1;
                if (rowEnd >= 0)
                {
                    new BulkCsvReader(_buffer, _start, rowEnd).ReadRow(fields);
                    _start = _scan = rowEnd;
                    return true;
                }

                if (_eof)
                {
                    fields.Clear();
                    if (_start == _end)
                    {
                        return false;
                    }

                    throw new InvalidDataException(_quoted
                        ? "A quoted CSV field is not closed: the results chunk is cut."
                        : "The results chunk does not end with a line end: it was cut.");
                }

                await FillAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>The index just after the next line end outside quotes, or -1 when it has not arrived yet.</summary>
        private int FindRowEnd()
        {
            byte[] buffer = _buffer;
            int i = _scan;
            while (i < _end)
            {
                // Jumps from one quote or line end to the next (a vectorized search), not byte by byte.
                int next = new ReadOnlySpan<byte>(buffer, i, _end - i).IndexOfAny(Quote, Lf);
                if (next < 0)
                {
                    break;
                }

                i += next;
                if (buffer[i] == Quote)
                {
                    _quoted = !_quoted; // an escaped quote ("") flips twice
                }
                else if (!_quoted)
                {
                    return i + 1;
                }

                i++;
            }

            _scan = _end;
            return -1;
        }

        private async Task FillAsync(CancellationToken cancellationToken)
        {
            if (_start > 0)
            {
                // Keep only the row in progress, at the front.
                int kept = _end - _start;
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, kept);
                _scan -= _start;
                _end = kept;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                // One row is longer than the buffer (a long text field): make room for it.
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            int read = await _read(_buffer, _end, _buffer.Length - _end, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _eof = true;
            }

            _end += read;
            if (!_bomChecked && (_end >= 3 || _eof))
            {
                // A UTF-8 byte order mark is not part of the first header.
                _bomChecked = true;
                if (_end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
                {
                    _start = _scan = 3;
                }
            }
        }
    }
}
