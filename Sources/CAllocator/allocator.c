#include "CAllocator.h"

#if defined(__linux__) && __has_include(<mimalloc.h>)
#include <mimalloc.h>
#define GAZETTE_MIMALLOC 1
#endif

void gazette_allocator_for_one_run(void) {
#ifdef GAZETTE_MIMALLOC
    // A build is a short process that builds large structures, frees most of them as it goes,
    // and exits: memory freed is kept committed for the next allocation rather than given
    // back to the system page by page (each return an madvise call, and each page faulted in
    // again when reused), and segments are committed whole from the first, not in steps.
    mi_option_disable(mi_option_allow_decommit);
    mi_option_set(mi_option_eager_commit_delay, 0);
#endif
}
