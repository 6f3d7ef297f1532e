using System;
using System.Runtime.CompilerServices;
using System.Text.Json;
using NangoPS.Core.Common;

using NangoPS.Core.Providers;

namespace NangoPS.Core.Providers.Salesforce
{
    /// <summary>
    /// The last few string values of one field (column) of a query page, with their UTF-8 bytes. Picklists,
    /// dates, countries, owner ids repeat from record to record; a repeated value reuses the string read before
    /// instead of decoding and allocating another copy (every string of a page stays alive until the page's
    /// records are emitted, so fewer of them also means cheaper garbage collections). A field whose values do
    /// not repeat (ids, names, phone numbers) stops being looked up after a probation of a few hundred values.
    /// Strings are immutable, so sharing one is invisible to the reader.
    /// </summary>
    internal sealed class RepeatedStrings
    {
        private const int Slots = 8;
        private const int MaxBytes = 64;
        private const int Probation = 256;

        private readonly byte[] _utf8 = new byte[Slots * MaxBytes];
        private readonly int[] _length = new int[Slots];
        private readonly string?[] _text = new string?[Slots];
        private int _next;
        private int _lookups;
        private int _hits;
        private bool _off;

        [MethodImpl(HotPath.Optimize)]
        public string Read(ref Utf8JsonReader reader)
        {
            if (_off || reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxBytes)
            {
                return reader.GetString()!;
            }

            ReadOnlySpan<byte> raw = reader.ValueSpan;
            _lookups++;
            for (int i = 0; i < Slots; i++)
            {
                string? text = _text[i];
                if (text != null && _length[i] == raw.Length && raw.SequenceEqual(new ReadOnlySpan<byte>(_utf8, i * MaxBytes, raw.Length)))
                {
                    _hits++;
                    return text;
                }
            }

            string read = reader.GetString()!;
            int slot = _next;
            _next = (slot + 1) % Slots;
            raw.CopyTo(new Span<byte>(_utf8, slot * MaxBytes, MaxBytes));
            _length[slot] = raw.Length;
            _text[slot] = read;
            if (_lookups >= Probation)
            {
                // Judged on the last few hundred values: fewer than one in four repeated is not worth looking up.
                _off = _hits * 4 < _lookups;
                _lookups = 0;
                _hits = 0;
            }

            return read;
        }
    }
}
