#pragma once
// The scan JSON text is read and written with: runs of printable ASCII that need no escape,
// eight bytes at a time, since most of what the engine reads and writes (prompts, replies,
// tool specs) is that.

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace orch::jsonbytes {

inline bool isPlain(unsigned char byte)
{
    return byte >= 0x20 && byte < 0x80 && byte != '"' && byte != '\\';
}

// The first position at or after `from` (below `size`) whose byte is not plain, or size.
inline size_t plainRunEnd(const char* data, size_t from, size_t size)
{
    constexpr uint64_t kOnes = 0x0101010101010101ULL;
    constexpr uint64_t kHighs = 0x8080808080808080ULL;
    const auto hasZeroByte = [](uint64_t v) { return (v - kOnes) & ~v & kHighs; };
    size_t i = from;
    for (; i + 8 <= size; i += 8) {
        uint64_t word;
        std::memcpy(&word, data + i, 8);
        // Exact as a yes or no for the whole word: a byte >= 0x80, a byte < 0x20 (the "has
        // less than" test holds for bounds up to 128), a quote, a backslash.
        const uint64_t special = (word & kHighs) | ((word - 0x20 * kOnes) & ~word & kHighs) |
                                 hasZeroByte(word ^ ('"' * kOnes)) |
                                 hasZeroByte(word ^ ('\\' * kOnes));
        if (special)
            break;
    }
    while (i < size && isPlain(static_cast<unsigned char>(data[i])))
        ++i;
    return i;
}

} // namespace orch::jsonbytes
