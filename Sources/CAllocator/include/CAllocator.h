#ifndef GAZETTE_CALLOCATOR_H
#define GAZETTE_CALLOCATOR_H

/// Sets the C library's allocator up for a short process that builds large structures and
/// exits: the heap grows in large steps and gives nothing back until the exit. Does nothing
/// where the allocator has no such settings.
void gazette_allocator_for_one_run(void);

#endif
