package dev.vfc.fs;

/** An open file or directory: the handle the guest will pass back, and FOPEN_* flags. */
public record Opened(long fh, int openFlags) {
}
