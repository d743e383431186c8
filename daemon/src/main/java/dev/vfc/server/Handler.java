package dev.vfc.server;

import dev.vfc.fs.FsException;

/** One opcode: decode the body, call the filesystem, say what to reply. */
@FunctionalInterface
interface Handler {
    Reply handle(Request request) throws FsException;
}
