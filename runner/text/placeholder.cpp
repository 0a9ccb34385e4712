// Placeholder so that CMake has a source for this library; delete it once the folder has real files.
