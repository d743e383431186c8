package dev.vfc.vhostuser;

import java.util.Arrays;

/**
 * One decoded vhost-user message with the fds that rode along (SCM_RIGHTS), as the transport
 * and the transcripts see it. The fd array is copied in and out; the fds stay owned by
 * whoever received or will send them.
 */
public record VhostUserMessage(VhostUserHeader header, VhostUserPayload payload, int[] fds) {

    public VhostUserMessage {
        fds = fds == null ? new int[0] : fds.clone();
    }

    public VhostUserMessage(VhostUserRequest request, int flags, VhostUserPayload payload, int... fds) {
        this(new VhostUserHeader(request.code(), flags, payload.size()), payload, fds);
    }

    @Override
    public int[] fds() {
        return fds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VhostUserMessage m && header.equals(m.header) && payload.equals(m.payload)
                && Arrays.equals(fds, m.fds);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * header.hashCode() + payload.hashCode()) + Arrays.hashCode(fds);
    }

    /**
     * One transcript line, e.g. {@code GET_FEATURES reply flags=0x5[v1|REPLY]
     * U64[0x175000000] (VERSION_1|...) fds=0}. Feature words are spelled out by name.
     */
    @Override
    public String toString() {
        String name = header.requestType().map(Enum::name)
                .orElse("unknown request " + Integer.toUnsignedString(header.request()));
        StringBuilder s = new StringBuilder(name)
                .append(header.isReply() ? " reply" : "")
                .append(" flags=").append(VhostUserHeader.describeFlags(header.flags()))
                .append(' ').append(payload);
        if (payload instanceof VhostUserPayload.U64 u) {
            header.requestType().ifPresent(r -> {
                switch (r) {
                    case GET_FEATURES, SET_FEATURES -> s.append(" (").append(VirtioFeatures.describe(u.value())).append(')');
                    case GET_PROTOCOL_FEATURES, SET_PROTOCOL_FEATURES ->
                            s.append(" (").append(ProtocolFeatures.describe(u.value())).append(')');
                    default -> { }
                }
            });
        }
        return s.append(" fds=").append(fds.length).toString();
    }
}
