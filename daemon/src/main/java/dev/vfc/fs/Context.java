package dev.vfc.fs;

/** Who asks: the credentials of the calling guest process, from {@code fuse_in_header}. */
public record Context(int uid, int gid, int pid) {
}
