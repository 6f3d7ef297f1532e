using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace NangoPS.Core.Providers.Salesforce.Bulk
{
    /// <summary>
    /// Reads RFC 4180 CSV rows (UTF-8, comma, LF or CRLF) from a span of bytes: a whole row or rows that
    /// <see cref="BulkCsvStreamReader"/> has already found complete. An empty field is null (Salesforce has no
    /// empty strings).
    /// </summary>
    internal sealed class BulkCsvReader
    {
        private const byte Quote = (byte)'"', Comma = (byte)',', Lf = (byte)'\n', Cr = (byte)'\r';
        private readonly byte[] _csv;
        private readonly int _end;
        private int _position;

        /// <summary>Reads <paramref name="csv"/>[<paramref name="start"/>..<paramref name="end"/>).</summary>
        public BulkCsvReader(byte[] csv, int start, int end)
        {
            _csv = csv;
            _position = start;
            _end = end;
        }

        /// <summary>Reads the next row into <paramref name="fields"/>; false at the end of the chunk.</summary>
        public bool ReadRow(List<string?> fields)
        {
            fields.Clear();
            if (_position >= _end)
            {
                return false;
            }

            while (true)
            {
                fields.Add(ReadField(out bool endOfRow));
                if (endOfRow)
                {
                    return true;
                }
            }
        }

        private string? ReadField(out bool endOfRow)
        {
            byte[] csv = _csv;
            if (_position < _end && csv[_position] == Quote)
            {
                int start = ++_position;
                bool escaped = false;
                while (true)
                {
                    // The next quote (a vectorized search): Bulk quotes every value, so this is most of the scanning.
                    int quote = _position < _end ? new ReadOnlySpan<byte>(csv, _position, _end - _position).IndexOf(Quote) : -1;
                    if (quote < 0)
                    {
                        throw new InvalidDataException("A quoted CSV field is not closed: the results chunk is cut.");
                    }

                    _position += quote;
                    if (_position + 1 < _end && csv[_position + 1] == Quote)
                    {
                        escaped = true;
                        _position += 2;
                        continue;
                    }

                    break;
                }

                string text = Encoding.UTF8.GetString(csv, start, _position - start);
                _position++; // closing quote
                endOfRow = EndField();
                if (escaped)
                {
                    text = text.Replace("\"\"", "\"");
                }

                return text.Length == 0 ? null : text;
            }

            int begin = _position;
            while (_position < _end && csv[_position] != Comma && csv[_position] != Lf && csv[_position] != Cr)
            {
                _position++;
            }

            int length = _position - begin;
            endOfRow = EndField();
            return length == 0 ? null : Encoding.UTF8.GetString(csv, begin, length);
        }

        /// <summary>Steps over the delimiter or line end after a field; true at the end of a row.</summary>
        private bool EndField()
        {
            byte[] csv = _csv;
            if (_position >= _end)
            {
                return true;
            }

            byte b = csv[_position];
            if (b == Comma)
            {
                _position++;
                return false;
            }

            if (b == Cr)
            {
                _position++;
            }

            if (_position < _end && csv[_position] == Lf)
            {
                _position++;
                return true;
            }

            if (b == Cr)
            {
                return true;
            }

            throw new InvalidDataException("Unexpected text after a quoted CSV field.");
        }
    }
}
