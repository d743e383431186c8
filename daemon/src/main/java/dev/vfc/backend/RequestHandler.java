package dev.vfc.backend;

import dev.vfc.chain.ChainReader;
import dev.vfc.chain.ChainWriter;

/** Serves one request chain; returns the bytes written to the reply (the used length). */
@FunctionalInterface
public interface RequestHandler {

    int handle(ChainReader request, ChainWriter reply);
}
