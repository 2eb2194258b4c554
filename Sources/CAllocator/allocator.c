#include "CAllocator.h"

#if __has_include(<malloc.h>)
#include <malloc.h>
#endif

void gazette_allocator_for_one_run(void) {
#if defined(M_TOP_PAD) && defined(M_TRIM_THRESHOLD) && defined(M_MMAP_THRESHOLD)
    // glibc grows each thread's heap by its top pad (128 KB by default), one mprotect call at a
    // time under the process's memory lock, which every page fault of the other threads also
    // takes: grow by 64 MB instead (address space only; pages are still touched as needed).
    mallopt(M_TOP_PAD, 64 << 20);
    // Freed memory stays for the next allocation rather than going back to the system and
    // being faulted in again; blocks up to 64 MB come from the heap, not from a mapping of
    // their own (each of which would be mapped, faulted in and unmapped again).
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    // The top pad applies to heaps made from now on; this thread's was made as the command
    // line was parsed, and would grow a page at a time, each step an mprotect call that stops
    // the other thread's page faults (hundreds in a one-article rebuild). Growing it once by a
    // large block, freed at once (and kept: see the trim threshold), makes it one.
    // Through a volatile pointer, so that the pair is not optimised away.
    void *volatile block = malloc(48 << 20);
    free(block);
#endif
}
