#ifndef GAZETTE_CGAZETTESYSTEM_H
#define GAZETTE_CGAZETTESYSTEM_H

/// Swaps the two paths in one atomic step: after it, `a` names what `b` named and `b` what `a`
/// named, and no moment exists at which either is missing. Returns 0, or -1 with errno set
/// (ENOSYS or EINVAL where the system or the file system cannot exchange).
int gazette_exchange_paths(const char *a, const char *b);

#endif
