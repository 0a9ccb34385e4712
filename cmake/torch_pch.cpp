// Empty translation unit: it exists only so CMake can build the shared LibTorch precompiled header.
