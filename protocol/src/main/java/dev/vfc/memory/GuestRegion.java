package dev.vfc.memory;

/**
 * One guest RAM region as vhost-user describes it: where the guest sees it
 * ({@code guestPhysAddr}), how big it is, where the frontend process has it mapped
 * ({@code userspaceAddr}: ring addresses in SET_VRING_ADDR are in this space) and where it
 * starts in the shared file ({@code mmapOffset}).
 */
public record GuestRegion(long guestPhysAddr, long size, long userspaceAddr, long mmapOffset) {

    public GuestRegion {
        if (size <= 0 || guestPhysAddr < 0 || mmapOffset < 0) {
            throw new IllegalArgumentException("bad region " + this);
        }
    }

    public boolean containsGuest(long gpa, long length) {
        return length >= 0 && gpa >= guestPhysAddr && gpa - guestPhysAddr <= size - length;
    }

    public boolean containsUser(long uva, long length) {
        return length >= 0 && uva >= userspaceAddr && uva - userspaceAddr <= size - length;
    }

    @Override
    public String toString() {
        return String.format("[gpa 0x%x, +0x%x, uva 0x%x, offset 0x%x]", guestPhysAddr, size, userspaceAddr, mmapOffset);
    }
}
