#pragma once
// glibc's malloc keeps up to 7 freed blocks of each size per thread for quick reuse
// (tcache_count); a step frees hundreds of small blocks of a few sizes at once (its JSON
// values), and what does not fit goes through the slower shared bins. glibc reads the size
// only as a process starts, from GLIBC_TUNABLES
// (https://www.gnu.org/software/libc/manual/html_node/Memory-Allocation-Tunables.html), so a
// program that wants it larger starts itself again with it set. With 256: 9% fewer
// instructions per step (valgrind --tool=callgrind, bench_steps one run at a time), 13% less
// CPU time (perf stat, 12 alternating pairs), 1.5 MB more resident at 1,000 runs at once.

namespace orch {

// First thing in main() of a program that runs steps (orchestratord and the benchmarks that
// stand for it). Returns in a process whose allocator is tuned, or untuned when it cannot be:
// no /proc/self/exe (or its file replaced since), not glibc, or GLIBC_TUNABLES already set by
// whoever started it (theirs is kept as it is). The setting is not passed on to the processes this
// one starts.
void tuneAllocator(char* argv[]);

} // namespace orch
