package dev.vfc.targets;

/**
 * Optional daemon behaviour a scenario needs switched on, which each daemon spells its own
 * way ({@code --xattr} for the Rust and Java daemons, {@code -o xattr} for the C one).
 */
public enum DaemonFeature {
    /** Extended attributes (all three daemons default to off). */
    XATTR
}
