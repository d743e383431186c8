package dev.vfc.daemon;

/**
 * {@code --print-capabilities}: the vhost-user backend capabilities document of QEMU's
 * docs/interop/vhost-user.json, which management tools (libvirt) read to learn what a backend
 * program is. The layout of Rust virtiofsd 1.13's (src/main.rs {@code print_capabilities}), but
 * without its "migrate-precopy": this daemon does not migrate, and a tool that read the word
 * would try.
 */
final class Capabilities {

    static final String JSON = """
            {
              "type": "fs",
              "features": [
                "separate-options"
              ]
            }
            """;

    private Capabilities() {
    }
}
