using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace NangoPS.Core.Providers.Salesforce.Bulk
{
    /// <summary>
    /// Reads a Bulk API 2.0 results chunk (RFC 4180 CSV, UTF-8, comma, LF or CRLF) row by row from its bytes, so
    /// a chunk becomes records a page at a time. An empty field is null (Salesforce has no empty strings).
    /// </summary>
    internal sealed class BulkCsvReader
    {
        private const byte Quote = (byte)'"', Comma = (byte)',', Lf = (byte)'\n', Cr = (byte)'\r';
        private readonly byte[] _csv;
        private int _position;

        public BulkCsvReader(byte[] csv)
        {
            _csv = csv;
            // A UTF-8 byte order mark is not part of the first header.
            if (csv.Length >= 3 && csv[0] == 0xEF && csv[1] == 0xBB && csv[2] == 0xBF)
            {
                _position = 3;
            }
        }

        /// <summary>Reads the next row into <paramref name="fields"/>; false at the end of the chunk.</summary>
        public bool ReadRow(List<string?> fields)
        {
            fields.Clear();
            if (_position >= _csv.Length)
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
            if (_position < csv.Length && csv[_position] == Quote)
            {
                int start = ++_position;
                bool escaped = false;
                while (true)
                {
                    if (_position >= csv.Length)
                    {
                        throw new InvalidDataException("A quoted CSV field is not closed: the results chunk is cut.");
                    }

                    if (csv[_position] == Quote)
                    {
                        if (_position + 1 < csv.Length && csv[_position + 1] == Quote)
                        {
                            escaped = true;
                            _position += 2;
                            continue;
                        }

                        break;
                    }

                    _position++;
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
            while (_position < csv.Length && csv[_position] != Comma && csv[_position] != Lf && csv[_position] != Cr)
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
            if (_position >= csv.Length)
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

            if (_position < csv.Length && csv[_position] == Lf)
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

        /// <summary>
        /// Throws <see cref="InvalidDataException"/> (retried as a truncated body) unless the chunk ends with a line
        /// end and holds <paramref name="expected"/> records after its header (when the count is known).
        /// </summary>
        public static void CheckComplete(byte[] csv, int expected)
        {
            if (csv.Length == 0)
            {
                if (expected > 0)
                {
                    throw new InvalidDataException("The results chunk is empty but should hold " + expected + " records.");
                }

                return;
            }

            if (csv[csv.Length - 1] != Lf)
            {
                throw new InvalidDataException("The results chunk does not end with a line end: it was cut.");
            }

            if (expected < 0)
            {
                return;
            }

            int rows = 0;
            bool quoted = false;
            foreach (byte b in csv)
            {
                if (b == Quote)
                {
                    quoted = !quoted;
                }
                else if (b == Lf && !quoted)
                {
                    rows++;
                }
            }

            if (quoted || rows - 1 != expected)
            {
                throw new InvalidDataException("The results chunk holds " + Math.Max(0, rows - 1) + " records but Sforce-NumberOfRecords says " + expected + ".");
            }
        }
    }
}
