package dev.vfc.fs;

import dev.vfc.fuse.EntryOut;

/** CREATE's result: the new entry (one lookup counted) and its open handle. */
public record Created(EntryOut entry, Opened opened) {
}
