package dev.vfc.daemon;

import dev.vfc.backend.CallFault;
import dev.vfc.backend.RequestHandler;
import dev.vfc.fs.FileSystem;
import dev.vfc.server.decorator.ReadLimitFileSystem;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How the daemon is put together from its layers, each of which can be wrapped: the filesystem
 * the FUSE server calls, the request handler a queue worker calls with each chain, and the used
 * buffer notifications of the backend. The stock daemon wraps nothing; {@code --inject-fault}
 * and the suite's mutant daemons (module {@code mutants}) wrap one layer each, so a deliberate bug
 * runs through exactly the code path of the daemon a distribution ships.
 *
 * @param fileSystem wraps the passthrough filesystem (below call logging)
 * @param handler    wraps the FUSE server's handler of one request chain
 * @param callFault  how the backend signals the call eventfd
 */
public record Assembly(UnaryOperator<FileSystem> fileSystem, UnaryOperator<RequestHandler> handler,
        CallFault callFault) {

    /** The daemon as shipped. */
    public static final Assembly STOCK = new Assembly(UnaryOperator.identity(), UnaryOperator.identity(), CallFault.NONE);

    /** Only the filesystem wrapped. */
    public static Assembly ofFileSystem(UnaryOperator<FileSystem> wrap) {
        return new Assembly(wrap, UnaryOperator.identity(), CallFault.NONE);
    }

    /** Only the request handler wrapped. */
    public static Assembly ofHandler(UnaryOperator<RequestHandler> wrap) {
        return new Assembly(UnaryOperator.identity(), wrap, CallFault.NONE);
    }

    /** Only the notifications broken. */
    public static Assembly ofCallFault(CallFault fault) {
        return new Assembly(UnaryOperator.identity(), UnaryOperator.identity(), fault);
    }

    /** The assembly {@code --inject-fault} names. */
    public static Assembly of(Optional<DaemonOptions.Fault> fault) {
        return fault.map(f -> switch (f) {
            case READ_LIMIT_1MIB -> ofFileSystem(ReadLimitFileSystem::rust160);
            case NO_CALL_NOTIFICATION -> ofCallFault(CallFault.NO_CALL_NOTIFICATION);
            case NO_CALL_AFTER_RENEW -> ofCallFault(CallFault.NO_CALL_AFTER_RENEW);
        }).orElse(STOCK);
    }
}
