package dev.vfc.frontend;

/**
 * How guest RAM reaches the daemon. QEMU 7.2 sends one ADD_MEM_REG per region when the
 * backend offers CONFIGURE_MEM_SLOTS, and one SET_MEM_TABLE with all regions otherwise
 * (hw/virtio/vhost-user.c {@code vhost_user_set_mem_table}).
 */
public enum MemoryMode {
    /** As QEMU 7.2: ADD_MEM_REG when CONFIGURE_MEM_SLOTS is offered, SET_MEM_TABLE otherwise. */
    AUTO,
    /** ADD_MEM_REG; requires the daemon to offer CONFIGURE_MEM_SLOTS. */
    ADD_MEM_REG,
    /** SET_MEM_TABLE, withholding CONFIGURE_MEM_SLOTS from SET_PROTOCOL_FEATURES. */
    SET_MEM_TABLE
}
