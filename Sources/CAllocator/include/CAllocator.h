#ifndef GAZETTE_CALLOCATOR_H
#define GAZETTE_CALLOCATOR_H

/// Sets the allocator (mimalloc, which this target links in place of the C library's malloc on Linux)
/// up for a short process that builds large structures and exits: freed memory stays with the
/// process until the exit.
void gazette_allocator_for_one_run(void);

#endif
