// glibc's malloc tuning (mallopt), which Swift's Glibc module leaves out. Only the lode
// executable imports this (see Sources/LodeCLI/ProcessMemory.swift).
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif
