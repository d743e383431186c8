package dev.vfc.sandbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The capabilities a passthrough daemon running as root needs, as the Rust virtiofsd 1.13
 * keeps them by default (src/main.rs, drop_capabilities): CHOWN, DAC_OVERRIDE, FOWNER, FSETID,
 * SETGID, SETUID, MKNOD, SETFCAP. Numbers from linux/capability.h.
 */
public final class PassthroughCapabilities {

    /** Capability number by the name setpriv(1) and capabilities(7) use, lower case. */
    static final Map<String, Integer> NUMBERS = numbers();

    /** What serving needs. */
    public static final Set<Integer> SERVING = Set.of(0, 1, 3, 4, 6, 7, 27, 31);

    /**
     * What the launcher leaves the JVM: what serving keeps plus SYS_ADMIN (21) for the mounts
     * and pivot_root that follow, and SETPCAP (8) to drop both from the bounding set afterwards.
     */
    static Set<Integer> launcher(Set<Integer> serving) {
        return union(serving, Set.of(8, 21));
    }

    private PassthroughCapabilities() {
    }

    /** {@code +chown,+dac_override,...} for setpriv's --bounding-set. */
    static String setprivList(Set<Integer> caps) {
        return new TreeSet<>(caps).stream().map(c -> "+" + name(c)).collect(Collectors.joining(","));
    }

    static String name(int cap) {
        return NUMBERS.entrySet().stream().filter(e -> e.getValue() == cap).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no capability " + cap));
    }

    private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        Set<Integer> all = new TreeSet<>(a);
        all.addAll(b);
        return Collections.unmodifiableSet(all);
    }

    private static Map<String, Integer> numbers() {
        Map<String, Integer> m = new LinkedHashMap<>();
        String[] names = {"chown", "dac_override", "dac_read_search", "fowner", "fsetid", "kill", "setgid", "setuid",
            "setpcap", "linux_immutable", "net_bind_service", "net_broadcast", "net_admin", "net_raw", "ipc_lock",
            "ipc_owner", "sys_module", "sys_rawio", "sys_chroot", "sys_ptrace", "sys_pacct", "sys_admin", "sys_boot",
            "sys_nice", "sys_resource", "sys_time", "sys_tty_config", "mknod", "lease", "audit_write",
            "audit_control", "setfcap", "mac_override", "mac_admin", "syslog", "wake_alarm", "block_suspend",
            "audit_read", "perfmon", "bpf", "checkpoint_restore"};
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], i);
        }
        return Collections.unmodifiableMap(m);
    }
}
